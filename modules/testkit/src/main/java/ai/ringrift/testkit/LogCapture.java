package ai.ringrift.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What a logger (and those under it) writes while the capture is open, so a test can show that a
 * refusal was logged. Opening it sets the logger to {@code level} (Kafka's broker logs an
 * authentication failure at INFO); closing restores the level and removes the capture.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("kafka.authorizer.logger", Level.INFO)) {
 *   ...
 *   await().until(() -> log.contains("Denied Operation = Write"));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final String logger;
  private final Level previous;
  private final AbstractAppender appender;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogCapture(String logger, Level level) {
    this.logger = logger;
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    this.previous = context.getConfiguration().getLoggerConfig(logger).getLevel();
    Configurator.setLevel(logger, level);
    this.appender =
        new AbstractAppender("capture-" + logger, null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            lines.add(
                event.getLevel()
                    + " "
                    + event.getLoggerName()
                    + " "
                    + event.getMessage().getFormattedMessage());
          }
        };
    appender.start();
    LoggerConfig config = context.getConfiguration().getLoggerConfig(logger);
    config.addAppender(appender, level, null);
    context.updateLoggers();
  }

  /** Captures {@code logger} and its children at {@code level} and above. */
  public static LogCapture of(String logger, Level level) {
    return new LogCapture(logger, level);
  }

  /** Captures the WARN and ERROR lines of {@code type}'s logger. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName(), Level.WARN);
  }

  /** The lines so far: {@code LEVEL logger message}. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Whether some line contains every one of {@code parts}. */
  public boolean contains(String... parts) {
    return lines.stream().anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(logger).removeAppender(appender.getName());
    Configurator.setLevel(logger, previous);
    appender.stop();
    context.updateLoggers();
  }
}
