package ai.ringrift.admin.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * What the {@code ringrift} command logs where (log4j2.xml reads the system properties set here). A
 * command's output is what the command prints: by default no log line reaches the terminal. {@code
 * --verbose} shows our INFO and the libraries' (Kafka's) warnings on stderr, {@code --log-level
 * LEVEL} everything from that level. {@code up} keeps a log file in its data directory; the
 * launcher, a service, logs as the services do (warnings on stderr, a file under var/logs).
 * Properties given on the JVM's command line (-Dringrift.console.level=...) win.
 */
public final class Logging {
  static final String CONSOLE_LEVEL = "ringrift.console.level";
  static final String LOG_LEVEL = "ringrift.log.level";
  static final String LIBRARY_LEVEL = "ringrift.library.level";
  static final String LOG_FILE = "ringrift.log.file";
  static final String LOG_DIR = "ringrift.log.dir";

  private static boolean commandLine;
  private static String requested;

  private Logging() {}

  /** Before anything logs: a command line logs nothing to the terminal and keeps no file. */
  public static void commandLine() {
    commandLine = true;
    setDefault(CONSOLE_LEVEL, "OFF");
    setDefault(LOG_FILE, "false");
  }

  /** {@code --verbose}: our INFO and the libraries' warnings on stderr. */
  public static void verbose() {
    request("INFO", "INFO", "WARN");
  }

  /** {@code --log-level LEVEL}: everything from {@code level} on stderr. */
  public static void level(String level) {
    String upper = level.toUpperCase(Locale.ROOT);
    request(upper, upper, upper);
  }

  /** A command that runs as a service: warnings on stderr and a log file, as the services do. */
  public static void service() {
    if (commandLine && requested == null) {
      System.setProperty(CONSOLE_LEVEL, "WARN");
    }
    System.setProperty(LOG_FILE, "true");
    reconfigure();
  }

  /** A log file in {@code directory} (unless one was set on the JVM's command line). */
  public static void toFile(Path directory) {
    setDefault(LOG_DIR, directory.toAbsolutePath().toString());
    System.setProperty(LOG_FILE, "true");
    reconfigure();
  }

  private static void request(String console, String ours, String libraries) {
    requested = console;
    System.setProperty(CONSOLE_LEVEL, console);
    System.setProperty(LOG_LEVEL, ours);
    System.setProperty(LIBRARY_LEVEL, libraries);
    reconfigure();
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static void reconfigure() {
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      context.reconfigure();
    }
  }
}
