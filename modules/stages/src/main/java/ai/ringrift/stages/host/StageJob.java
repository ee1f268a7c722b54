package ai.ringrift.stages.host;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.StageRun;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The work a stage decided to do for one trigger. The {@link TriggerRunner} runs it under the
 * stage's rules — breaker first, STARTED recorded before the action, exactly one run per trigger,
 * retries — and the job only says what to do and what to publish.
 */
public interface StageJob {
  /** The config the work is for. */
  ConfigKey config();

  /** What makes this work unique: one run per trigger id (usually the trigger event's id). */
  String triggerId();

  /** The event the work reacts to: the cause named in every event it publishes. */
  SpecificRecord trigger();

  /**
   * Other triggers this work answers besides {@link #trigger()} (waiting triggers it took, see
   * {@link TriggerRunner#submit}): its success records them as finished too, so none of them runs
   * again. Its events answer each of them (name it as their cause).
   */
  default List<SpecificRecord> alsoAnswers() {
    return List.of();
  }

  /** Events written in the same transaction as the STARTED record, e.g. TrainingStarted. */
  default List<SpecificRecord> startEvents(RunAttempt attempt) {
    return List.of();
  }

  /**
   * Does the work; a failure of the work is a failed {@link RunOutcome}, not an exception.
   *
   * @throws InterruptedException when the run is handed back (its partition moved, or the service
   *     stops); whatever the action started must be stopped by then
   */
  RunOutcome run(RunAttempt attempt) throws InterruptedException;

  /** The failure events of a failed attempt, e.g. TrainingFailed (written with its record). */
  List<SpecificRecord> failureEvents(RunAttempt attempt, String error);

  /**
   * The finished output of an attempt whose instance crashed before recording an outcome, when that
   * output is complete and valid (then it is announced instead of running again).
   */
  default Optional<RunOutcome> adopt(StageRun crashed, RunAttempt attempt) {
    return Optional.empty();
  }

  /** Called once a success is committed (e.g. to note which games an export used). */
  default void committed(RunOutcome outcome) {}
}
