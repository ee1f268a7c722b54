package ai.ringrift.runtime.daemon;

import com.codahale.metrics.health.HealthCheck;
import java.time.Instant;

/**
 * Turns one daemon's health-check results into verdicts: failed checks during the start grace do
 * not count; after it, a failed check degrades the daemon and enough consecutive ones restart it; a
 * passing check makes it healthy again. Not thread-safe: its supervisor owns it.
 */
public final class HealthTracker {
  private final DaemonHealthSettings settings;
  private int consecutiveFailures;

  public HealthTracker(DaemonHealthSettings settings) {
    this.settings = settings;
  }

  /** What a check result means for the daemon. */
  public enum Verdict {
    /** The check passed. */
    HEALTHY,
    /** The check failed within the start grace: it does not count yet. */
    IN_GRACE,
    /** The check failed: the daemon works only partly. */
    DEGRADED,
    /** Too many consecutive checks failed: restart the daemon. */
    RESTART
  }

  /** The verdict on a check that ran at {@code now} for a daemon started at {@code startedAt}. */
  public Verdict record(HealthCheck.Result result, Instant startedAt, Instant now) {
    if (result.isHealthy()) {
      consecutiveFailures = 0;
      return Verdict.HEALTHY;
    }
    if (now.isBefore(startedAt.plus(settings.startGrace()))) {
      return Verdict.IN_GRACE;
    }
    consecutiveFailures++;
    return consecutiveFailures >= settings.failuresBeforeRestart()
        ? Verdict.RESTART
        : Verdict.DEGRADED;
  }

  /** Forgets past failures (a new start). */
  public void reset() {
    consecutiveFailures = 0;
  }
}
