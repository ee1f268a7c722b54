package ai.ringrift.stages.sync;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.contract.Events;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.TriggeredJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Copies the new game files of a config from selfplay hosts to the training hosts, once per host
 * however many triggers asked for it, and answers each trigger with a {@code DataSyncCompleted} per
 * host it named (files, bytes, duration: of the copy, on the first answer naming the host; 0 on the
 * others, so that sums stay true), or fails with one {@code DataSyncFailed}. A host that is not
 * configured is pulled from the location its batch announced, if any.
 */
final class GamesSyncJob extends TriggeredJob {
  /**
   * What one trigger asked for.
   *
   * @param trigger the trigger, the cause of the answer
   * @param source the selfplay host whose games to copy
   * @param announced where the host's batch said its games are, or null
   * @param newGames the games the trigger announced (0 when it did not say)
   */
  record Ask(SpecificRecord trigger, String source, String announced, int newGames) {}

  /** What one host's copy did. */
  private record Copied(
      List<SyncAction.Transfer> transfers, long files, long bytes, Duration took) {}

  private final List<Ask> asks;
  private final SyncService.Parts parts;

  /** A sync for {@code asks}, recorded under {@code trigger} (the first to ask, or the only). */
  GamesSyncJob(ConfigKey config, SpecificRecord trigger, List<Ask> asks, SyncService.Parts parts) {
    super(config, trigger);
    this.asks = List.copyOf(asks);
    this.parts = parts;
  }

  @Override
  public List<SpecificRecord> alsoAnswers() {
    Map<String, SpecificRecord> others = new LinkedHashMap<>();
    for (Ask ask : asks) {
      String id = Events.eventId(ask.trigger()).orElseThrow();
      if (!id.equals(triggerId())) {
        others.putIfAbsent(id, ask.trigger());
      }
    }
    return List.copyOf(others.values());
  }

  @Override
  public RunOutcome run(RunAttempt attempt) throws InterruptedException {
    Map<String, Copied> copied = new HashMap<>();
    for (Map.Entry<String, String> source : sources().entrySet()) {
      try {
        copied.put(source.getKey(), copy(source.getKey(), source.getValue(), attempt));
      } catch (CopyFailed e) {
        return RunOutcome.failed(e.getMessage());
      }
    }
    List<SpecificRecord> reports = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (Ask ask : asks) {
      Copied copy = copied.get(ask.source());
      reports.add(
          reported.add(ask.source())
              ? completed(ask, copy)
              : completed(ask, new Copied(copy.transfers(), 0, 0, Duration.ZERO)));
    }
    return RunOutcome.succeeded(null, reports);
  }

  /** Each host asked for once, in order, with the location a batch announced for it, if any. */
  private Map<String, String> sources() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (Ask ask : asks) {
      if (sources.get(ask.source()) == null) {
        sources.put(ask.source(), ask.announced());
      }
    }
    return sources;
  }

  /** Copies {@code source}'s games to every training host. */
  private Copied copy(String source, String announced, RunAttempt attempt)
      throws InterruptedException, CopyFailed {
    List<SyncAction.Transfer> transfers;
    try {
      transfers = parts.plan().games(config, source, announced);
    } catch (IllegalArgumentException e) {
      throw new CopyFailed(e.getMessage());
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
        throw new CopyFailed(
            "games of " + source + " to " + transfer.target() + ": " + result.reason());
      }
      files += result.values().integer("files_transferred");
      bytes += result.values().integer("bytes_transferred");
    }
    return new Copied(transfers, files, bytes, Duration.ofNanos(System.nanoTime() - started));
  }

  /** A host's games could not be copied: the run fails with this message. */
  private static final class CopyFailed extends Exception {
    private static final long serialVersionUID = 1L;

    CopyFailed(String message) {
      super(message);
    }
  }

  private DataSyncCompleted completed(Ask ask, Copied copy) {
    return DataSyncCompleted.newBuilder()
        .setHeader(publisher().headerReactingTo(ask.trigger()))
        .setConfig(config)
        .setSourceNode(ask.source())
        .setTargets(copy.transfers().stream().map(SyncAction.Transfer::target).toList())
        .setSyncType(SyncDataType.GAMES)
        .setFilesSynced((int) copy.files())
        .setBytesTransferred(copy.bytes())
        .setDurationSeconds(copy.took().toMillis() / 1000.0)
        .setNewGames(ask.newGames())
        .setDestinationPath(copy.transfers().get(0).destination())
        .build();
  }

  @Override
  public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
    return List.of(
        DataSyncFailed.newBuilder()
            .setHeader(publisher().headerReactingTo(trigger))
            .setConfig(config)
            .setSourceNode(String.join(",", asks.stream().map(Ask::source).distinct().toList()))
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
