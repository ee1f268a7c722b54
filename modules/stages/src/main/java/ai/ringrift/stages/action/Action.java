package ai.ringrift.stages.action;

/**
 * One unit of a stage's work: run an external command, copy files with rsync, or (in the embedded
 * run and tests) a simulated RingRift workload. Pure of Kafka: a stage service turns the request
 * into parameters and the result into events.
 *
 * <p>An action never hangs and never throws for a failure of the work itself: a timeout, a non-zero
 * exit or output it cannot read is a {@linkplain ActionResult#failed failed result} whose reason
 * says what happened. It throws {@link InterruptedException} only when the calling thread is
 * interrupted (the stage is stopping); by then it has stopped whatever it started.
 */
@FunctionalInterface
public interface Action {
  /** Runs the action once for {@code request}. */
  ActionResult run(ActionRequest request) throws InterruptedException;
}
