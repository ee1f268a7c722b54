package ai.ringrift.client.subscribe;

import ai.ringrift.config.Check;
import java.time.Duration;

/**
 * How often a retriable handler failure is retried, and how long to wait in between: {@code
 * initialBackoffMs · multiplier^(attempt−1)}, capped at {@code maxBackoffMs}.
 *
 * @param maxAttempts attempts per event, the first included; then the event goes to the DLQ
 * @param initialBackoffMs wait after the first failure
 * @param multiplier growth of the wait per further failure
 * @param maxBackoffMs longest wait
 */
public record RetrySettings(
    int maxAttempts, long initialBackoffMs, double multiplier, long maxBackoffMs) {
  public RetrySettings {
    Check.atLeast("maxAttempts", maxAttempts, 1);
    Check.atLeast("initialBackoffMs", initialBackoffMs, 0);
    Check.atLeast("multiplier", multiplier, 1.0);
    Check.atLeast("maxBackoffMs", maxBackoffMs, initialBackoffMs);
  }

  /** The wait before attempt {@code failedAttempts + 1}, after {@code failedAttempts} failures. */
  public Duration backoffAfter(int failedAttempts) {
    double millis = initialBackoffMs * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    return Duration.ofMillis((long) Math.min(millis, maxBackoffMs));
  }

  /** True when an event that failed {@code failedAttempts} times may be tried again. */
  public boolean allowsAnotherAttempt(int failedAttempts) {
    return failedAttempts < maxAttempts;
  }
}
