package ai.ringrift.stages.action.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a process's merged output line by line: appends each line to the log, keeps the last lines
 * for error reasons and hands each line to the action's parser. Runs on its own thread so that a
 * chatty process never blocks on a full pipe.
 */
final class OutputPump implements Runnable {
  private static final Logger LOGGER = LoggerFactory.getLogger(OutputPump.class);

  private final InputStream output;
  private final Writer log;
  private final Consumer<String> lines;
  private final int tailSize;
  private final Deque<String> tail = new ArrayDeque<>();

  OutputPump(InputStream output, Writer log, Consumer<String> lines, int tailSize) {
    this.output = output;
    this.log = log;
    this.lines = lines;
    this.tailSize = tailSize;
  }

  @Override
  public void run() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        accept(line);
      }
    } catch (IOException e) {
      // the stream was closed under us (process killed): what was read is what there is
      LOGGER.debug("output ended: {}", e.getMessage());
    }
  }

  /** The last lines read, oldest first. */
  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  /** Appends one line to the log, flushed so that {@code tail -f} shows it at once. */
  static void writeLine(Writer log, String line) {
    synchronized (log) {
      try {
        log.write(line);
        log.write('\n');
        log.flush();
      } catch (IOException e) {
        LOGGER.warn("cannot write action log: {}", e.getMessage());
      }
    }
  }

  private void accept(String line) {
    synchronized (this) {
      tail.addLast(line);
      if (tail.size() > tailSize) {
        tail.removeFirst();
      }
    }
    writeLine(log, line);
    try {
      lines.accept(line);
    } catch (RuntimeException e) {
      LOGGER.warn("output handler failed on a line; ignoring it: {}", e.toString());
    }
  }
}
