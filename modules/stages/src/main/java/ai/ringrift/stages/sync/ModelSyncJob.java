package ai.ringrift.stages.sync;

import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.rsync.RsyncAction;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.TriggeredJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * Distributes a promoted (or rolled-back-to) model to every selfplay host: up to {@code
 * sync.maxParallelModelCopies} copies at once, host i starting no earlier than i times the stagger
 * after the first so that they do not all pull at once. Each host reports as soon as it has the
 * model: {@code DataSyncCompleted} (sync type MODELS) or {@code DataSyncFailed}, sent without
 * waiting for its acknowledgement; the run waits for every report's acknowledgement at its end, so
 * a distribution costs one round trip to the broker, not one per host. It runs in the sync stage's
 * {@value SyncService#MODELS_LANE} lane, beside the config's games syncs.
 */
final class ModelSyncJob extends TriggeredJob {
  private final String modelPath;
  private final SyncService.Parts parts;
  private volatile boolean reported;

  ModelSyncJob(
      ConfigKey config, SpecificRecord trigger, String modelPath, SyncService.Parts parts) {
    super(config, trigger);
    this.modelPath = modelPath;
    this.parts = parts;
  }

  @Override
  public RunOutcome run(RunAttempt attempt) throws InterruptedException {
    if (!exists(modelPath)) {
      return RunOutcome.failed("model file " + modelPath + " does not exist on " + parts.node());
    }
    long start = System.nanoTime();
    ParallelCopies copies =
        new ParallelCopies(parts.config().maxParallelModelCopies(), SyncService.NAME);
    Queue<String> failed = new ConcurrentLinkedQueue<>();
    Queue<CompletableFuture<PublishedEvent>> reports = new ConcurrentLinkedQueue<>();
    try {
      for (SyncAction.Transfer transfer : parts.plan().model(config, modelPath)) {
        long wait = start + transfer.delay().toNanos() - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the stagger between hosts
        }
        copies.start(() -> copy(transfer, attempt, failed, reports));
      }
      copies.awaitAll();
    } finally {
      copies.stop(); // however the run ends (a hand-back too), no copy outlives it
    }
    if (copies.error().isPresent()) {
      return RunOutcome.failed("model " + modelPath + ": a copy failed: " + copies.error().get());
    }
    try {
      CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      return RunOutcome.failed(
          "model " + modelPath + ": a host's report was not published: " + e.getCause());
    }
    return failed.isEmpty()
        ? RunOutcome.succeeded(modelPath, List.of())
        : RunOutcome.failed("model " + modelPath + " did not reach " + List.copyOf(failed));
  }

  private void copy(
      SyncAction.Transfer transfer,
      RunAttempt attempt,
      Queue<String> failed,
      Queue<CompletableFuture<PublishedEvent>> reports)
      throws InterruptedException {
    long began = System.nanoTime();
    ActionResult result =
        parts
            .transfers()
            .run(
                transfer, attempt.runId() + "-" + transfer.host(), parts.config().modelsPriority());
    reported = true;
    if (result.succeeded()) {
      reports.add(
          parts
              .publisher()
              .get()
              .publish(completed(transfer, result, Duration.ofNanos(System.nanoTime() - began))));
    } else {
      failed.add(transfer.host() + ": " + result.reason());
      reports.add(
          parts
              .publisher()
              .get()
              .publish(failure(List.of(transfer.host()), result.reason(), attempt.attempt())));
    }
  }

  private DataSyncCompleted completed(
      SyncAction.Transfer transfer, ActionResult result, Duration took) {
    return DataSyncCompleted.newBuilder()
        .setHeader(parts.publisher().get().headerReactingTo(trigger))
        .setConfig(config)
        .setSourceNode(parts.node())
        .setTargets(List.of(transfer.host()))
        .setSyncType(SyncDataType.MODELS)
        .setFilesSynced((int) result.values().integer("files_transferred"))
        .setBytesTransferred(result.values().integer("bytes_transferred"))
        .setDurationSeconds(took.toMillis() / 1000.0)
        .setDestinationPath(transfer.destination())
        .build();
  }

  private DataSyncFailed failure(List<String> hosts, String error, int attempt) {
    return DataSyncFailed.newBuilder()
        .setHeader(parts.publisher().get().headerReactingTo(trigger))
        .setConfig(config)
        .setSourceNode(parts.node())
        .setTargets(hosts)
        .setSyncType(SyncDataType.MODELS)
        .setError(error)
        .setAttempt(attempt)
        .build();
  }

  /** Hosts that failed have reported already; a crashed attempt reports for all of them. */
  @Override
  public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
    return reported
        ? List.of()
        : List.of(failure(parts.plan().selfplayHostNames(), error, attempt.attempt()));
  }

  /** A remote source is rsync's to find; a local one must be there (training wrote it here). */
  private static boolean exists(String path) {
    return RsyncAction.isRemote(path) || Files.isRegularFile(Path.of(path));
  }
}
