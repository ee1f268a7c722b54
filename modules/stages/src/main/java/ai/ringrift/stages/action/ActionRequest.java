package ai.ringrift.stages.action;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an action is asked to do.
 *
 * @param runId names this run (and its log file); letters, digits, {@code . _ -}
 * @param parameters values for the action's placeholders, e.g. {@code config -> square8_2p}, {@code
 *     npz -> /data/npz/square8_2p.npz}
 * @param progress told about progress lines as the action makes them
 */
public record ActionRequest(
    String runId, Map<String, String> parameters, ProgressListener progress) {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  public ActionRequest {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException(
          "runId must be 1-200 letters, digits, '.', '_' or '-', was '" + runId + "'");
    }
    parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
    progress = Objects.requireNonNullElse(progress, ProgressListener.IGNORE);
  }

  /** A request whose progress nobody follows. */
  public static ActionRequest of(String runId, Map<String, String> parameters) {
    return new ActionRequest(runId, parameters, ProgressListener.IGNORE);
  }

  /** The value of parameter {@code name}; a missing one is a programming error of the stage. */
  public String require(String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "action parameter '" + name + "' is missing; given: " + parameters.keySet());
    }
    return value;
  }

  /** The value of parameter {@code name}, or {@code fallback} when absent or blank. */
  public String optional(String name, String fallback) {
    String value = parameters.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Parameter {@code name} as an int, failing with the name when it is not one. */
  public int requireInt(String name) {
    return toInt(name, require(name));
  }

  /** Parameter {@code name} as an int, or {@code fallback} when absent or blank. */
  public int optionalInt(String name, int fallback) {
    String value = parameters.get(name);
    return value == null || value.isBlank() ? fallback : toInt(name, value);
  }

  /** Parameter {@code name} as a finite number, failing with the name when it is not one. */
  public double requireDouble(String name) {
    String value = require(name);
    try {
      double number = Double.parseDouble(value.trim());
      if (Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "action parameter '" + name + "' must be a finite number, was '" + value + "'");
  }

  private static int toInt(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "action parameter '" + name + "' must be an integer, was '" + value + "'", e);
    }
  }
}
