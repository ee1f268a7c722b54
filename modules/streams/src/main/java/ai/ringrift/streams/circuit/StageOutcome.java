package ai.ringrift.streams.circuit;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EvaluationFailed;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.NpzExportFailed;
import ai.ringrift.events.Stage;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a stage result event says about its (stage, config) breaker.
 *
 * @param config the config
 * @param stage the stage
 * @param error null for a success, the error for a failure
 */
record StageOutcome(ConfigKey config, Stage stage, String error) {
  /** The result events that feed the breakers: each stage's ...Completed and ...Failed. */
  static final List<Class<? extends SpecificRecord>> TYPES =
      List.of(
          DataSyncCompleted.class,
          DataSyncFailed.class,
          NpzExportCompleted.class,
          NpzExportFailed.class,
          TrainingCompleted.class,
          TrainingFailed.class,
          EvaluationCompleted.class,
          EvaluationFailed.class);

  boolean success() {
    return error == null;
  }

  /** The outcome {@code event} reports, if it is a stage result. */
  static Optional<StageOutcome> of(SpecificRecord event) {
    if (event instanceof DataSyncCompleted e) {
      return ok(e.getConfig(), Stage.SYNC);
    } else if (event instanceof DataSyncFailed e) {
      return failed(e.getConfig(), Stage.SYNC, e.getError());
    } else if (event instanceof NpzExportCompleted e) {
      return ok(e.getConfig(), Stage.EXPORT);
    } else if (event instanceof NpzExportFailed e) {
      return failed(e.getConfig(), Stage.EXPORT, e.getError());
    } else if (event instanceof TrainingCompleted e) {
      return ok(e.getConfig(), Stage.TRAINING);
    } else if (event instanceof TrainingFailed e) {
      return failed(e.getConfig(), Stage.TRAINING, e.getError());
    } else if (event instanceof EvaluationCompleted e) {
      return ok(e.getConfig(), Stage.EVALUATION);
    } else if (event instanceof EvaluationFailed e) {
      return failed(e.getConfig(), Stage.EVALUATION, e.getError());
    }
    return Optional.empty();
  }

  private static Optional<StageOutcome> ok(ConfigKey config, Stage stage) {
    return Optional.of(new StageOutcome(config, stage, null));
  }

  private static Optional<StageOutcome> failed(ConfigKey config, Stage stage, String error) {
    return Optional.of(new StageOutcome(config, stage, error == null ? "" : error));
  }
}
