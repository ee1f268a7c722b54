package ai.ringrift.stages.action.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A process to run.
 *
 * @param command program and arguments (no shell: each element is one argument)
 * @param workingDirectory where it runs; empty for the current directory
 * @param environment variables added to the inherited environment
 * @param timeout how long it may run before its process tree is killed
 * @param killGrace how long it has to exit after SIGTERM before it is killed with SIGKILL
 * @param logFile where its stdout and stderr go, merged, line by line
 */
public record ProcessInvocation(
    List<String> command,
    Optional<Path> workingDirectory,
    Map<String, String> environment,
    Duration timeout,
    Duration killGrace,
    Path logFile) {

  public ProcessInvocation {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    workingDirectory = Objects.requireNonNullElse(workingDirectory, Optional.empty());
    environment = Map.copyOf(environment);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (killGrace.isNegative()) {
      throw new IllegalArgumentException("killGrace must not be negative, was " + killGrace);
    }
    Objects.requireNonNull(logFile, "logFile");
  }
}
