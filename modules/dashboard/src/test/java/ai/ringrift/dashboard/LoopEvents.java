package ai.ringrift.dashboard;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.testkit.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Events of one pass through the loop with chosen ids, links and times, for the view's tests. */
public final class LoopEvents {
  public static final ConfigKey SQUARE8 = ConfigKeys.parse("square8_2p");
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private LoopEvents() {}

  /** A header: event {@code id} of trace {@code trace}, reacting to {@code cause}, at T0 + s. */
  public static EventHeader header(String id, String trace, String cause, int second) {
    return new EventHeader(id, "test", T0.plusSeconds(second), trace, null, cause, null);
  }

  public static SelfplayBatchCompleted batch(String id, int second) {
    return SelfplayBatchCompleted.newBuilder(
            SampleEvents.of(SelfplayBatchCompleted.class, SQUARE8, 1))
        .setHeader(header(id, id, null, second))
        .build();
  }

  public static DataSyncCompleted sync(String id, String trace, String cause, int second) {
    return DataSyncCompleted.newBuilder(SampleEvents.of(DataSyncCompleted.class, SQUARE8, 1))
        .setHeader(header(id, trace, cause, second))
        .build();
  }

  public static NpzExportCompleted export(
      String id, String trace, String cause, String path, int second) {
    return NpzExportCompleted.newBuilder(SampleEvents.of(NpzExportCompleted.class, SQUARE8, 1))
        .setHeader(header(id, trace, cause, second))
        .setOutputPath(path)
        .build();
  }

  public static TrainingSignal signal(String id, String trace, int second) {
    return TrainingSignal.newBuilder(SampleEvents.of(TrainingSignal.class, SQUARE8, 1))
        .setHeader(header(id, trace, null, second))
        .build();
  }

  public static TrainingStarted started(
      String id, String trace, String cause, String job, String data, int second) {
    return TrainingStarted.newBuilder(SampleEvents.of(TrainingStarted.class, SQUARE8, 1))
        .setHeader(header(id, trace, cause, second))
        .setJobId(job)
        .setDataPath(data)
        .build();
  }

  public static TrainingCompleted trained(
      String id, String trace, String cause, String job, String model, int second) {
    return TrainingCompleted.newBuilder(SampleEvents.of(TrainingCompleted.class, SQUARE8, 1))
        .setHeader(header(id, trace, cause, second))
        .setJobId(job)
        .setModelId(model)
        .build();
  }

  public static EvaluationCompleted evaluated(
      String id, String trace, String training, String model, double elo, int second) {
    return EvaluationCompleted.newBuilder(SampleEvents.of(EvaluationCompleted.class, SQUARE8, 1))
        .setHeader(header(id, trace, training, second))
        .setModelId(model)
        .setElo(elo)
        .setTrainingEventId(training)
        .build();
  }

  public static ModelPromoted promoted(
      String id, String trace, String evaluation, String model, double elo, int second) {
    return ModelPromoted.newBuilder(SampleEvents.of(ModelPromoted.class, SQUARE8, 1))
        .setHeader(header(id, trace, evaluation, second))
        .setModelId(model)
        .setEvaluationEventId(evaluation)
        .setEloAfter(elo)
        .build();
  }

  public static PromotionRejected rejected(
      String id, String trace, String evaluation, String model, String gate, int second) {
    return PromotionRejected.newBuilder(SampleEvents.of(PromotionRejected.class, SQUARE8, 1))
        .setHeader(header(id, trace, evaluation, second))
        .setModelId(model)
        .setEvaluationEventId(evaluation)
        .setGate(gate)
        .setActual(12.5)
        .setThreshold(60)
        .build();
  }

  public static ModelRolledBack rolledBack(String id, String from, String to, int second) {
    return ModelRolledBack.newBuilder(SampleEvents.of(ModelRolledBack.class, SQUARE8, 1))
        .setHeader(header(id, id, null, second))
        .setFromModelId(from)
        .setToModelId(to)
        .build();
  }

  public static StageRun run(
      String id, Stage stage, String trigger, RunStatus status, int attempt, int second) {
    return StageRun.newBuilder(SampleEvents.of(StageRun.class, SQUARE8, 1))
        .setHeader(header(id, trigger, trigger, second))
        .setStage(stage)
        .setTriggerEventId(trigger)
        .setStatus(status)
        .setAttempt(attempt)
        .setError(status == RunStatus.FAILED ? "boom" : null)
        .setRecentTriggers(List.of())
        .build();
  }

  /** {@code event} as read from its topic (key: its config, or config/stage). */
  public static RecordedEvent<SpecificRecord> recorded(SpecificRecord event) {
    String key = ConfigKeys.format(SQUARE8);
    if (event instanceof StageRun run) {
      key += "/" + run.getStage().name().toLowerCase(java.util.Locale.ROOT);
    }
    return new RecordedEvent<>(
        "ringrift.test." + Events.typeName(event),
        0,
        0,
        Events.header(event).map(EventHeader::getOccurredAt).orElse(T0),
        key,
        event);
  }
}
