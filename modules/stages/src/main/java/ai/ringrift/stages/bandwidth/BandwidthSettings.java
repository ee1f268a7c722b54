package ai.ringrift.stages.bandwidth;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;

/**
 * Bandwidth coordination, from {@code config/bandwidth.yaml} (section {@code bandwidth}).
 *
 * @param limits what may be granted
 * @param grantTtlSeconds a grant not released by then expires
 * @param pendingTimeoutSeconds a request not granted by then is dropped
 * @param checkIntervalMs how often the allocator expires grants and drops stale requests
 * @param clientGrantTimeoutSeconds how long a client waits for a grant; at most the pending timeout
 */
public record BandwidthSettings(
    BandwidthLimits limits,
    int grantTtlSeconds,
    int pendingTimeoutSeconds,
    int checkIntervalMs,
    int clientGrantTimeoutSeconds) {
  /** The settings' file in the config directory. */
  public static final String FILE = "bandwidth.yaml";

  public BandwidthSettings {
    Check.present("limits", limits);
    Check.atLeast("grantTtlSeconds", grantTtlSeconds, 1);
    Check.atLeast("pendingTimeoutSeconds", pendingTimeoutSeconds, 1);
    Check.between("checkIntervalMs", checkIntervalMs, 10, 60000);
    Check.between("clientGrantTimeoutSeconds", clientGrantTimeoutSeconds, 1, pendingTimeoutSeconds);
  }

  /** Loads section {@code bandwidth} of {@code bandwidth.yaml}. */
  public static BandwidthSettings load(ConfigSource source) {
    return source.section(FILE, "bandwidth", BandwidthSettings.class);
  }

  public Duration grantTtl() {
    return Duration.ofSeconds(grantTtlSeconds);
  }

  public Duration pendingTimeout() {
    return Duration.ofSeconds(pendingTimeoutSeconds);
  }

  public Duration checkInterval() {
    return Duration.ofMillis(checkIntervalMs);
  }

  public Duration clientGrantTimeout() {
    return Duration.ofSeconds(clientGrantTimeoutSeconds);
  }
}
