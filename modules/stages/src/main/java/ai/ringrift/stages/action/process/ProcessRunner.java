package ai.ringrift.stages.action.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a process to its end or its timeout, whichever comes first, and never longer: on timeout (or
 * when the calling thread is interrupted) the whole process tree is killed; stdout and stderr go,
 * merged, to the log file and, line by line, to a handler.
 */
public final class ProcessRunner {
  private static final Logger LOGGER = LoggerFactory.getLogger(ProcessRunner.class);

  /** How many of the last output lines an outcome keeps. */
  public static final int TAIL_LINES = 20;

  /** How often the process tree is listed while waiting, so that orphans can still be found. */
  private static final long TREE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How long the output may keep flowing after the process exited (buffered lines, children). */
  private static final Duration DRAIN = Duration.ofSeconds(2);

  private final Clock clock;

  /** A runner that stamps its logs with the system clock. */
  public ProcessRunner() {
    this(Clock.systemUTC());
  }

  /** A runner that stamps its logs with {@code clock}. */
  public ProcessRunner(Clock clock) {
    this.clock = clock;
  }

  /** Runs {@code invocation}, passing every output line to {@code lines}. */
  public ProcessOutcome run(ProcessInvocation invocation, Consumer<String> lines)
      throws InterruptedException {
    try {
      Files.createDirectories(invocation.logFile().toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log directory of " + invocation, e);
    }
    try (Writer log = Files.newBufferedWriter(invocation.logFile(), StandardCharsets.UTF_8)) {
      note(log, "# " + clock.instant() + " running: " + String.join(" ", invocation.command()));
      return run(invocation, lines, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write log " + invocation.logFile(), e);
    }
  }

  private ProcessOutcome run(ProcessInvocation invocation, Consumer<String> lines, Writer log)
      throws InterruptedException {
    long started = System.nanoTime();
    Process process;
    try {
      process = builder(invocation).start();
    } catch (IOException e) {
      note(log, "# could not start: " + e.getMessage());
      return new ProcessOutcome(
          OptionalInt.empty(), false, Optional.of(e.getMessage()), since(started), List.of());
    }
    OutputPump pump = new OutputPump(process.getInputStream(), log, lines, TAIL_LINES);
    Thread pumpThread = new Thread(pump, "action-output-" + process.pid());
    pumpThread.setDaemon(true);
    pumpThread.start();
    closeQuietly(process);
    ProcessTree tree = new ProcessTree(process.toHandle());
    boolean exited;
    try {
      exited = awaitExit(process, tree, invocation.timeout());
    } catch (InterruptedException e) {
      note(log, "# interrupted: the stage is stopping; killing the process tree");
      tree.kill(invocation.killGrace());
      drain(pumpThread, tree, invocation.killGrace());
      throw e;
    }
    if (!exited) {
      LOGGER.warn(
          "pid={} ran past its timeout {}: killing its tree", process.pid(), timeout(invocation));
      tree.kill(invocation.killGrace());
    }
    drain(pumpThread, tree, invocation.killGrace());
    OptionalInt code = exited ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    note(
        log,
        exited ? "# exit code " + code.getAsInt() : "# timed out after " + timeout(invocation));
    return new ProcessOutcome(code, !exited, Optional.empty(), since(started), pump.tail());
  }

  private static ProcessBuilder builder(ProcessInvocation invocation) {
    ProcessBuilder builder = new ProcessBuilder(invocation.command()).redirectErrorStream(true);
    invocation.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
    builder.environment().putAll(invocation.environment());
    return builder;
  }

  /** Waits for the exit until the timeout, remembering the tree while it lives. */
  private static boolean awaitExit(Process process, ProcessTree tree, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      tree.refresh();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return !process.isAlive();
      }
      if (process.waitFor(Math.min(left, TREE_POLL_NANOS), TimeUnit.NANOSECONDS)) {
        return true;
      }
    }
  }

  /** Lets the output pump finish; kills leftover children holding the pipe, else abandons it. */
  private static void drain(Thread pump, ProcessTree tree, Duration killGrace)
      throws InterruptedException {
    pump.join(DRAIN.toMillis());
    if (pump.isAlive()) {
      LOGGER.info("output still open after the process ended: stopping what it left running");
      tree.killLeftovers(killGrace);
      pump.join(DRAIN.toMillis());
    }
    if (pump.isAlive()) {
      LOGGER.warn("thread={} still reads output nobody will close; leaving it", pump.getName());
    }
  }

  private static void closeQuietly(Process process) {
    try {
      // no input: a program that reads stdin gets end-of-file instead of waiting forever
      process.getOutputStream().close();
    } catch (IOException e) {
      LOGGER.debug("closing stdin: {}", e.getMessage());
    }
  }

  private static void note(Writer log, String line) {
    OutputPump.writeLine(log, line);
  }

  private static String timeout(ProcessInvocation invocation) {
    return seconds(invocation.timeout());
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
