package ai.ringrift.stages.sync;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.TriggeredJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Copies the new game files of a config from selfplay hosts to the training hosts; one {@code
 * DataSyncCompleted} per selfplay host (files, bytes, duration), or one {@code DataSyncFailed}. A
 * host that is not configured is pulled from the location its batch announced, if any.
 */
final class GamesSyncJob extends TriggeredJob {
  private final List<String> sources;
  private final Map<String, String> announced;
  private final int newGames;
  private final SyncService.Parts parts;

  GamesSyncJob(
      ConfigKey config,
      SpecificRecord trigger,
      List<String> sources,
      Map<String, String> announced,
      int newGames,
      SyncService.Parts parts) {
    super(config, trigger);
    this.sources = List.copyOf(sources);
    this.announced = Map.copyOf(announced);
    this.newGames = newGames;
    this.parts = parts;
  }

  @Override
  public RunOutcome run(RunAttempt attempt) throws InterruptedException {
    List<SpecificRecord> reports = new ArrayList<>();
    for (String source : sources) {
      List<SyncAction.Transfer> transfers;
      try {
        transfers = parts.plan().games(config, source, announced.get(source));
      } catch (IllegalArgumentException e) {
        return RunOutcome.failed(e.getMessage());
      }
      long started = System.nanoTime();
      long files = 0;
      long bytes = 0;
      for (SyncAction.Transfer transfer : transfers) {
        ActionResult result =
            parts
                .transfers()
                .run(
                    transfer,
                    attempt.runId() + "-" + transfer.target(),
                    parts.config().gamesPriority());
        if (!result.succeeded()) {
          return RunOutcome.failed(
              "games of " + source + " to " + transfer.target() + ": " + result.reason());
        }
        files += result.values().integer("files_transferred");
        bytes += result.values().integer("bytes_transferred");
      }
      reports.add(
          completed(
              source, transfers, files, bytes, Duration.ofNanos(System.nanoTime() - started)));
    }
    return RunOutcome.succeeded(null, reports);
  }

  private DataSyncCompleted completed(
      String source, List<SyncAction.Transfer> transfers, long files, long bytes, Duration took) {
    return DataSyncCompleted.newBuilder()
        .setHeader(publisher().headerReactingTo(trigger))
        .setConfig(config)
        .setSourceNode(source)
        .setTargets(transfers.stream().map(SyncAction.Transfer::target).toList())
        .setSyncType(SyncDataType.GAMES)
        .setFilesSynced((int) files)
        .setBytesTransferred(bytes)
        .setDurationSeconds(took.toMillis() / 1000.0)
        .setNewGames(newGames)
        .setDestinationPath(transfers.get(0).destination())
        .build();
  }

  @Override
  public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
    return List.of(
        DataSyncFailed.newBuilder()
            .setHeader(publisher().headerReactingTo(trigger))
            .setConfig(config)
            .setSourceNode(String.join(",", sources))
            .setTargets(parts.plan().trainingHosts().stream().map(SyncHost::name).toList())
            .setSyncType(SyncDataType.GAMES)
            .setError(error)
            .setAttempt(attempt.attempt())
            .build());
  }

  private EventPublisher publisher() {
    return parts.publisher().get();
  }
}
