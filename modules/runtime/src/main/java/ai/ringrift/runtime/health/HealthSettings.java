package ai.ringrift.runtime.health;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;

/**
 * Thresholds of the standard health checks, from {@code config/runtime.yaml} (section {@code
 * health}).
 *
 * @param timeoutMs how long one check may wait for the broker or the registry before it fails
 * @param maxConsumerLag records a consumer group may be behind (summed over its partitions) and
 *     still be healthy
 */
public record HealthSettings(int timeoutMs, long maxConsumerLag) {
  public HealthSettings {
    Check.between("timeoutMs", timeoutMs, 100, 60_000);
    Check.atLeast("maxConsumerLag", maxConsumerLag, 0L);
  }

  /** The settings of {@code source}'s {@code runtime.yaml}. */
  public static HealthSettings load(ConfigSource source) {
    return source.section("runtime.yaml", "health", HealthSettings.class);
  }

  /** {@link #timeoutMs} as a duration. */
  public Duration timeout() {
    return Duration.ofMillis(timeoutMs);
  }
}
