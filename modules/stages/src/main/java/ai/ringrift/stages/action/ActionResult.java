package ai.ringrift.stages.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an action ended.
 *
 * @param failure empty when the action succeeded, else why it failed
 * @param reason empty on success, else a sentence naming the cause (timeout, exit code with the
 *     last output line, the field that could not be read)
 * @param values the result values (empty on failure)
 * @param exitCode the process's exit code, when a process ran to its end
 * @param duration how long it ran
 * @param log the file holding the action's output, when it has one
 * @param command the command line that ran, when the action ran a process (for the log and tests)
 */
public record ActionResult(
    Optional<FailureKind> failure,
    String reason,
    ResultValues values,
    OptionalInt exitCode,
    Duration duration,
    Optional<Path> log,
    List<String> command) {

  public ActionResult {
    Objects.requireNonNull(failure, "failure");
    reason = Objects.requireNonNullElse(reason, "");
    values = Objects.requireNonNullElse(values, ResultValues.EMPTY);
    exitCode = Objects.requireNonNullElse(exitCode, OptionalInt.empty());
    duration = Objects.requireNonNullElse(duration, Duration.ZERO);
    log = Objects.requireNonNullElse(log, Optional.empty());
    command = List.copyOf(Objects.requireNonNullElse(command, List.of()));
    if (failure.isPresent() && reason.isBlank()) {
      throw new IllegalArgumentException("a failed result needs a reason");
    }
  }

  /** A success of a built-in action (no process). */
  public static ActionResult succeeded(ResultValues values, Duration duration) {
    return new ActionResult(
        Optional.empty(), "", values, OptionalInt.empty(), duration, Optional.empty(), List.of());
  }

  /** A failure of a built-in action (no process). */
  public static ActionResult failed(FailureKind kind, String reason, Duration duration) {
    return new ActionResult(
        Optional.of(kind),
        reason,
        ResultValues.EMPTY,
        OptionalInt.empty(),
        duration,
        Optional.empty(),
        List.of());
  }

  /** A success of an action that ran a process. */
  public static ActionResult processSucceeded(
      ResultValues values, int exitCode, Duration duration, Path log, List<String> command) {
    return new ActionResult(
        Optional.empty(),
        "",
        values,
        OptionalInt.of(exitCode),
        duration,
        Optional.of(log),
        command);
  }

  /** A failure of an action that ran a process; the reason ends with where its log is. */
  public static ActionResult processFailed(
      FailureKind kind,
      String reason,
      OptionalInt exitCode,
      Duration duration,
      Path log,
      List<String> command) {
    return new ActionResult(
        Optional.of(kind),
        reason + " (log " + log + ")",
        ResultValues.EMPTY,
        exitCode,
        duration,
        Optional.of(log),
        command);
  }

  /** True when the action did its work. */
  public boolean succeeded() {
    return failure.isEmpty();
  }

  /** This result turned into a failure, e.g. when its output then fails validation. */
  public ActionResult asFailure(FailureKind kind, String why) {
    return new ActionResult(
        Optional.of(kind), why, ResultValues.EMPTY, exitCode, duration, log, command);
  }

  /** A one-line description for logs: {@code succeeded in 12.3 s} or the kind and reason. */
  public String describe() {
    String took = String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    return failure.map(k -> k + " after " + took + ": " + reason).orElse("succeeded in " + took);
  }
}
