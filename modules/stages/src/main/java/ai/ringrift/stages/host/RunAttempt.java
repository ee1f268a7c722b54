package ai.ringrift.stages.host;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.Locale;

/**
 * One attempt of a trigger's run.
 *
 * @param runId names the attempt, its log file and its outputs: derived from the stage, config,
 *     trigger and attempt, so a survivor can find what a crashed attempt wrote
 * @param attempt 1 for the first, 2 for the first retry, ...
 * @param probe whether the breaker admitted it as its half-open probe
 */
public record RunAttempt(String runId, int attempt, boolean probe) {
  /** The attempt {@code attempt} of {@code triggerId}. */
  public static RunAttempt of(
      Stage stage, ConfigKey config, String triggerId, int attempt, boolean probe) {
    String trigger = triggerId.replaceAll("[^A-Za-z0-9]", "");
    String shortTrigger = trigger.length() > 12 ? trigger.substring(0, 12) : trigger;
    String runId =
        stage.name().toLowerCase(Locale.ROOT)
            + "-"
            + ConfigKeys.format(config)
            + "-"
            + (shortTrigger.isEmpty() ? "t" : shortTrigger)
            + "-a"
            + attempt;
    return new RunAttempt(runId, attempt, probe);
  }
}
