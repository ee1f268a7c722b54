package ai.ringrift.stages.host;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.PipelineFailed;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TriggerOutcome;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.events.contract.KeyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stage's {@code StageRun} records with the events that go with them, each set in one
 * transaction, and shows them to the state table at once. A failed write is tried again (the broker
 * may be away for a while) until it succeeds or the run is handed back.
 *
 * <p>One record at a time: each record carries the finished triggers of the latest one forward, so
 * reading the latest and writing the next is one step, and two runs of a (config, stage) in
 * different lanes never drop each other's finished trigger. The writer commits one transaction at a
 * time anyway, so this costs no parallelism.
 */
final class RunRecorder {
  private static final Logger LOGGER = LoggerFactory.getLogger(RunRecorder.class);
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final Stage stage;
  private final RunPolicy policy;
  private final StageSupport support;
  private final StageWriter writer;
  private final EventPublisher publisher;

  RunRecorder(
      Stage stage,
      RunPolicy policy,
      StageSupport support,
      StageWriter writer,
      EventPublisher publisher) {
    this.stage = stage;
    this.policy = policy;
    this.support = support;
    this.writer = writer;
    this.publisher = publisher;
  }

  /** The latest record of the job's (config, stage). */
  StageRun latest(StageJob job) {
    return latest(job.config());
  }

  /** The latest record of (config, this stage). */
  StageRun latest(ConfigKey config) {
    return support.tables().get(StageRun.class, CircuitGate.key(config, stage));
  }

  /** Records that {@code attempt} starts, with {@code events}. */
  synchronized void started(
      StageJob job, RunHandle run, RunAttempt attempt, List<SpecificRecord> events) {
    write(run, record(job, RunStatus.STARTED, attempt.attempt(), null, null, kept(job)), events);
  }

  /** Records that {@code attempt} failed with {@code error}, with {@code events}; returns it. */
  synchronized StageRun failed(
      StageJob job, RunHandle run, int attempt, String error, List<SpecificRecord> events) {
    return write(run, record(job, RunStatus.FAILED, attempt, error, null, kept(job)), events);
  }

  /** Records that {@code attempt} was handed back. */
  synchronized void interrupted(StageJob job, RunHandle run, int attempt, String reason) {
    write(run, record(job, RunStatus.INTERRUPTED, attempt, reason, null, kept(job)), List.of());
  }

  /** Records the trigger as done with {@code outcome}'s events: it is never run again. */
  synchronized void succeeded(StageJob job, RunHandle run, int attempt, RunOutcome outcome) {
    String output = outcome.outputPath().orElse(null);
    List<TriggerOutcome> recent = kept(job);
    for (SpecificRecord other : job.alsoAnswers()) {
      String id = Events.eventId(other).orElseThrow();
      recent =
          TriggerLookup.remember(
              recent,
              finished(id, RunStatus.SUCCEEDED, attempt, output, answerTo(id, outcome)),
              policy.recentTriggers());
    }
    TriggerOutcome done =
        finished(
            job.triggerId(),
            RunStatus.SUCCEEDED,
            attempt,
            output,
            outcome.resultEventId().orElse(null));
    recent = TriggerLookup.remember(recent, done, policy.recentTriggers());
    write(run, record(job, RunStatus.SUCCEEDED, attempt, null, output, recent), outcome.events());
  }

  /** The id of the event of {@code outcome} that reacts to {@code triggerId}, if one does. */
  private static String answerTo(String triggerId, RunOutcome outcome) {
    for (SpecificRecord event : outcome.events()) {
      if (Events.header(event).map(h -> triggerId.equals(h.getCausationId())).orElse(false)) {
        return Events.eventId(event).orElse(null);
      }
    }
    return null;
  }

  /** Gives the trigger up after {@code attempts} attempts: PipelineFailed, never run again. */
  synchronized void gaveUp(StageJob job, RunHandle run, int attempts, String error) {
    PipelineFailed failed =
        PipelineFailed.newBuilder()
            .setHeader(publisher.headerReactingTo(job.trigger()))
            .setConfig(job.config())
            .setStage(stage)
            .setAttempts(attempts)
            .setError(error)
            .setTriggerEventId(job.triggerId())
            .build();
    TriggerOutcome done =
        finished(
            job.triggerId(), RunStatus.FAILED, attempts, null, failed.getHeader().getEventId());
    write(
        run,
        record(job, RunStatus.FAILED, attempts, error, null, remember(job, done)),
        List.of(failed));
  }

  private List<TriggerOutcome> kept(StageJob job) {
    StageRun latest = latest(job);
    return latest == null ? List.of() : latest.getRecentTriggers();
  }

  private List<TriggerOutcome> remember(StageJob job, TriggerOutcome outcome) {
    return TriggerLookup.remember(kept(job), outcome, policy.recentTriggers());
  }

  private TriggerOutcome finished(
      String triggerId, RunStatus status, int attempts, String output, String resultEventId) {
    return TriggerOutcome.newBuilder()
        .setTriggerEventId(triggerId)
        .setStatus(status)
        .setAttempts(attempts)
        .setFinishedAt(java.time.Instant.ofEpochMilli(support.clock().millis()))
        .setOutputPath(output)
        .setResultEventId(resultEventId)
        .build();
  }

  private StageRun record(
      StageJob job,
      RunStatus status,
      int attempt,
      String error,
      String output,
      List<TriggerOutcome> recent) {
    return StageRun.newBuilder()
        .setHeader(publisher.headerReactingTo(job.trigger()))
        .setConfig(job.config())
        .setStage(stage)
        .setTriggerEventId(job.triggerId())
        .setStatus(status)
        .setAttempt(attempt)
        .setInstance(support.instanceId())
        .setOutputPath(output)
        .setError(error)
        .setRecentTriggers(recent)
        .build();
  }

  private StageRun write(RunHandle run, StageRun record, List<SpecificRecord> events) {
    List<SpecificRecord> all = new ArrayList<>();
    all.add(record);
    all.addAll(events);
    run.enter(RunHandle.Phase.COMMITTING);
    try {
      List<RecordMetadata> landed = commitPatiently(run, all);
      support.tables().applyOwn(record, KeyKind.CONFIG_STAGE.keyOf(record), landed.get(0).offset());
      LOGGER.info(
          "stage={} config={} trigger={} attempt={} {}{}",
          stage,
          ConfigKeys.format(record.getConfig()),
          record.getTriggerEventId(),
          record.getAttempt(),
          record.getStatus(),
          record.getError() == null ? "" : ": " + record.getError());
      return record;
    } finally {
      run.enter(RunHandle.Phase.WAITING);
    }
  }

  private List<RecordMetadata> commitPatiently(RunHandle run, List<SpecificRecord> records) {
    Duration wait = Duration.ofMillis(500);
    while (true) {
      try {
        return writer.commit(records);
      } catch (KafkaException e) {
        if (writer.fatalError().isPresent() || run.handedBack()) {
          throw e;
        }
        LOGGER.warn(
            "stage={} could not record a run (will try again in {}): {}",
            stage,
            wait,
            e.toString());
        try {
          Thread.sleep(wait.toMillis()); // the broker is away; the run waits for it
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
      }
    }
  }
}
