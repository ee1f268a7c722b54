package ai.ringrift.stages.action.command;

import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.action.ProgressListener;
import ai.ringrift.stages.action.ResultFormatException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a command's output: remembers the last result line and passes progress lines on.
 *
 * <p>The protocol a command follows (documented in docs/trainer-authors.md): print {@code
 * {"result": {...}}} on one line, the last such line wins; optionally print progress lines as they
 * happen.
 */
final class CommandOutput implements Consumer<String> {
  private static final Logger LOGGER = LoggerFactory.getLogger(CommandOutput.class);

  /** Result lines start with this. */
  static final String RESULT_PREFIX = "{\"result\"";

  private final ProgressParser progress;
  private final ProgressListener listener;
  private volatile String resultLine;
  private volatile int progressLines;

  CommandOutput(ProgressParser progress, ProgressListener listener) {
    this.progress = progress;
    this.listener = listener;
  }

  @Override
  public void accept(String line) {
    String stripped = line.strip();
    if (stripped.startsWith(RESULT_PREFIX)) {
      resultLine = stripped;
      return;
    }
    Optional<Progress> report;
    try {
      report = progress.parse(stripped);
    } catch (ResultFormatException e) {
      // progress is for dashboards: a bad line is logged, it does not fail the run
      LOGGER.warn("ignoring a malformed progress line: {}", e.getMessage());
      return;
    }
    report.ifPresent(
        p -> {
          progressLines++;
          listener.onProgress(p);
        });
  }

  /** The last result line, if the command printed one. */
  Optional<String> resultLine() {
    return Optional.ofNullable(resultLine);
  }

  /** How many progress reports were passed on. */
  int progressLines() {
    return progressLines;
  }
}
