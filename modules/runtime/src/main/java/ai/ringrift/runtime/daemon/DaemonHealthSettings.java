package ai.ringrift.runtime.daemon;

import ai.ringrift.config.Check;
import java.time.Duration;

/**
 * How often daemons are health-checked and what a failed check leads to.
 *
 * @param intervalSeconds between checks of a daemon
 * @param criticalIntervalSeconds between checks of a critical daemon
 * @param timeoutSeconds a check that takes longer failed
 * @param startGraceSeconds failed checks right after a start do not count for this long
 * @param failuresBeforeRestart consecutive failed checks after the grace that restart the daemon
 */
public record DaemonHealthSettings(
    double intervalSeconds,
    double criticalIntervalSeconds,
    double timeoutSeconds,
    double startGraceSeconds,
    int failuresBeforeRestart) {
  public DaemonHealthSettings {
    Check.atLeast("intervalSeconds", intervalSeconds, 0.01);
    Check.between("criticalIntervalSeconds", criticalIntervalSeconds, 0.01, intervalSeconds);
    Check.between("timeoutSeconds", timeoutSeconds, 0.001, criticalIntervalSeconds);
    Check.atLeast("startGraceSeconds", startGraceSeconds, 0.0);
    Check.atLeast("failuresBeforeRestart", failuresBeforeRestart, 1);
  }

  /** Between two checks of a daemon. */
  public Duration interval(boolean critical) {
    return RestartSettings.seconds(critical ? criticalIntervalSeconds : intervalSeconds);
  }

  public Duration timeout() {
    return RestartSettings.seconds(timeoutSeconds);
  }

  public Duration startGrace() {
    return RestartSettings.seconds(startGraceSeconds);
  }
}
