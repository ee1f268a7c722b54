package ai.ringrift.streams.circuit;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.Stage;
import java.time.Duration;
import java.util.Map;

/**
 * The breakers' settings, from {@code config/circuit-breakers.yaml} (section {@code
 * circuitBreakers}): defaults and per-stage overrides.
 *
 * @param defaults what every breaker uses unless its stage overrides it
 * @param stages per-stage overrides (any subset of the keys)
 * @param punctuateIntervalSeconds how often time-based transitions are checked
 */
public record CircuitBreakerConfig(
    BreakerSettings defaults, Map<Stage, Override> stages, long punctuateIntervalSeconds) {
  /** The file. */
  public static final String FILE = "circuit-breakers.yaml";

  public CircuitBreakerConfig {
    Check.present("defaults", defaults);
    stages = Check.map(stages);
    Check.atLeast("punctuateIntervalSeconds", punctuateIntervalSeconds, 1L);
    for (Stage stage : stages.keySet()) {
      settingsFor(defaults, stages, stage); // validates the merged settings now, not on first use
    }
  }

  /** Loads and validates the file. */
  public static CircuitBreakerConfig load(ConfigSource source) {
    return source.section(FILE, "circuitBreakers", CircuitBreakerConfig.class);
  }

  /** The settings of {@code stage}'s breakers. */
  public BreakerSettings settingsFor(Stage stage) {
    return settingsFor(defaults, stages, stage);
  }

  /** How often time-based transitions are checked. */
  public Duration punctuateInterval() {
    return Duration.ofSeconds(punctuateIntervalSeconds);
  }

  private static BreakerSettings settingsFor(
      BreakerSettings defaults, Map<Stage, Override> stages, Stage stage) {
    Override o = stages.get(stage);
    if (o == null) {
      return defaults;
    }
    return new BreakerSettings(
        o.failureThreshold() != null ? o.failureThreshold() : defaults.failureThreshold(),
        o.recoverySeconds() != null ? o.recoverySeconds() : defaults.recoverySeconds(),
        o.recoveryCapSeconds() != null ? o.recoveryCapSeconds() : defaults.recoveryCapSeconds(),
        o.jitter() != null ? o.jitter() : defaults.jitter(),
        o.decayIntervalSeconds() != null
            ? o.decayIntervalSeconds()
            : defaults.decayIntervalSeconds());
  }

  /**
   * One breaker's settings.
   *
   * @param failureThreshold consecutive failures that open a CLOSED breaker
   * @param recoverySeconds base time OPEN before HALF_OPEN
   * @param recoveryCapSeconds the longest time OPEN (before jitter)
   * @param jitter relative jitter of the recovery time, e.g. 0.1 for +-10 %
   * @param decayIntervalSeconds the open count halves for every this-many seconds CLOSED
   */
  public record BreakerSettings(
      int failureThreshold,
      long recoverySeconds,
      long recoveryCapSeconds,
      double jitter,
      long decayIntervalSeconds) {
    public BreakerSettings {
      Check.atLeast("failureThreshold", failureThreshold, 1);
      Check.atLeast("recoverySeconds", recoverySeconds, 1L);
      Check.atLeast("recoveryCapSeconds", recoveryCapSeconds, recoverySeconds);
      Check.between("jitter", jitter, 0.0, 0.5);
      Check.atLeast("decayIntervalSeconds", decayIntervalSeconds, 1L);
    }
  }

  /** A stage's overrides; absent keys keep the defaults. */
  public record Override(
      Integer failureThreshold,
      Long recoverySeconds,
      Long recoveryCapSeconds,
      Double jitter,
      Long decayIntervalSeconds) {}
}
