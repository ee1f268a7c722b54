package ai.ringrift.stages.action;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a stage runs an external command (the {@code command:} block of an action in {@code
 * config/stages.yaml}).
 *
 * @param template the command line with placeholders, e.g. {@code python -m app.training.train
 *     --config {config} --data {npz} --out {model}}
 * @param timeoutSeconds how long it may run; then its process tree is killed
 * @param workingDirectory where it runs; absent for the service's directory
 * @param environment variables added to the service's environment (values may use placeholders)
 * @param logDirectory where each run's output goes, as {@code <run id>.log}
 * @param progressPattern a regular expression for progress lines printed as text, with named groups
 *     {@code epoch} and {@code loss} (optional: {@code total}, {@code valLoss}); absent to accept
 *     only JSON progress lines
 * @param killGraceSeconds how long the process has after SIGTERM before SIGKILL (default 10)
 */
public record CommandSpec(
    String template,
    int timeoutSeconds,
    String workingDirectory,
    Map<String, String> environment,
    String logDirectory,
    String progressPattern,
    Integer killGraceSeconds) {

  /** Where logs go when the file does not say. */
  public static final String DEFAULT_LOG_DIRECTORY = "var/logs/actions";

  /** Matches {@code Epoch 3/20 ... loss: 0.53 ... val_loss: 0.61}, the usual trainer line. */
  public static final String DEFAULT_PROGRESS_PATTERN =
      "(?i)\\bepoch\\s+(?<epoch>\\d+)\\s*/\\s*(?<total>\\d+)\\b.*?\\bloss[=:]\\s*(?<loss>[-+0-9.eE]+)"
          + "(?:.*?\\bval_loss[=:]\\s*(?<valLoss>[-+0-9.eE]+))?";

  public CommandSpec {
    Check.notBlank("template", template);
    Check.atLeast("timeoutSeconds", timeoutSeconds, 1);
    environment = Check.map(environment);
    logDirectory = Check.orDefault(logDirectory, DEFAULT_LOG_DIRECTORY);
    Check.notBlank("logDirectory", logDirectory);
    killGraceSeconds = Check.orDefault(killGraceSeconds, 10);
    Check.atLeast("killGraceSeconds", killGraceSeconds, 0);
    if (progressPattern != null) {
      compile(progressPattern);
    }
  }

  /** The compiled progress pattern, or null when there is none. */
  public Pattern compiledProgressPattern() {
    return progressPattern == null ? null : compile(progressPattern);
  }

  private static Pattern compile(String regex) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(
          "progressPattern", "is not a regular expression: " + e.getDescription());
    }
    for (String group : new String[] {"epoch", "loss"}) {
      if (!regex.contains("(?<" + group + ">")) {
        throw new ConfigException(
            "progressPattern", "needs a named group (?<" + group + ">...), was '" + regex + "'");
      }
    }
    return pattern;
  }
}
