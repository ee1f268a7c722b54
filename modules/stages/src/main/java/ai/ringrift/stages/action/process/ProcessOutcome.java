package ai.ringrift.stages.action.process;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a process ended.
 *
 * @param exitCode its exit code, when it exited by itself
 * @param timedOut true when it ran past its timeout and its tree was killed
 * @param startError why it could not be started, when it could not
 * @param duration from start to the end of its output
 * @param tail its last output lines (at most {@link ProcessRunner#TAIL_LINES}), for error reasons
 */
public record ProcessOutcome(
    OptionalInt exitCode,
    boolean timedOut,
    Optional<String> startError,
    Duration duration,
    List<String> tail) {

  public ProcessOutcome {
    tail = List.copyOf(tail);
  }

  /** The last non-blank output line, or a placeholder when it printed nothing. */
  public String lastLine() {
    for (int i = tail.size() - 1; i >= 0; i--) {
      if (!tail.get(i).isBlank()) {
        return tail.get(i).strip();
      }
    }
    return "(no output)";
  }
}
