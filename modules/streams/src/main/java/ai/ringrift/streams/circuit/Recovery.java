package ai.ringrift.streams.circuit;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long a breaker stays OPEN: {@code min(recovery * 2^(opens-1), cap) * (1 +- jitter)}. The
 * jitter is drawn from a generator seeded by the breaker's key, its open count and the time it
 * opened: breakers that open together spread out, and reprocessing the same input after a crash
 * draws the same value (exactly-once output stays deterministic).
 */
final class Recovery {
  private Recovery() {}

  /** The recovery before jitter after the {@code opens}-th opening. */
  static Duration base(CircuitBreakerConfig.BreakerSettings settings, int opens) {
    int doublings = Math.min(Math.max(opens, 1) - 1, 30);
    long seconds = Math.min(settings.recoverySeconds() << doublings, settings.recoveryCapSeconds());
    return Duration.ofSeconds(seconds);
  }

  /** The jitter factor in {@code [1 - jitter, 1 + jitter)} for this opening. */
  static double jitterFactor(double jitter, String key, int opens, long openedAtMillis) {
    long seed = key.hashCode() * 0x9E3779B97F4A7C15L ^ opens * 0xC2B2AE3D27D4EB4FL ^ openedAtMillis;
    double u = new SplittableRandom(seed).nextDouble();
    return 1.0 + jitter * (2 * u - 1);
  }

  /** The recovery with jitter. */
  static Duration of(
      CircuitBreakerConfig.BreakerSettings settings, String key, int opens, long openedAtMillis) {
    double factor = jitterFactor(settings.jitter(), key, opens, openedAtMillis);
    return Duration.ofMillis(Math.round(base(settings, opens).toMillis() * factor));
  }
}
