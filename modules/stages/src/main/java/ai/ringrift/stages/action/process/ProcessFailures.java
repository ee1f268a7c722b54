package ai.ringrift.stages.action.process;

import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/** The failures every process-running action shares: could not start, timed out, non-zero exit. */
public final class ProcessFailures {
  private ProcessFailures() {}

  /**
   * The failed result for {@code outcome}, or empty when the process exited 0.
   *
   * @param invocation what ran
   * @param exitMeaning what an exit code means for this program ({@code ""} when unknown)
   */
  public static Optional<ActionResult> of(
      ProcessOutcome outcome, ProcessInvocation invocation, IntFunction<String> exitMeaning) {
    List<String> command = invocation.command();
    Path log = invocation.logFile();
    OptionalInt code = outcome.exitCode();
    if (outcome.startError().isPresent()) {
      return Optional.of(
          ActionResult.processFailed(
              FailureKind.START_FAILED,
              "could not start '" + command.get(0) + "': " + outcome.startError().get(),
              code,
              outcome.duration(),
              log,
              command));
    }
    if (outcome.timedOut()) {
      return Optional.of(
          ActionResult.processFailed(
              FailureKind.TIMEOUT,
              "timed out after "
                  + invocation.timeout().toSeconds()
                  + " s; process tree killed; last output: "
                  + outcome.lastLine(),
              code,
              outcome.duration(),
              log,
              command));
    }
    int exit = code.orElse(-1);
    if (exit == 0) {
      return Optional.empty();
    }
    String meaning = exitMeaning.apply(exit);
    return Optional.of(
        ActionResult.processFailed(
            FailureKind.NON_ZERO_EXIT,
            "exit code "
                + exit
                + (meaning.isEmpty() ? "" : " (" + meaning + ")")
                + "; last output: "
                + outcome.lastLine(),
            code,
            outcome.duration(),
            log,
            command));
  }
}
