package ai.ringrift.client.history;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;

/**
 * Bounds of the history reader, from {@code config/client.yaml} (section {@code history}).
 *
 * @param readTimeoutMs {@code recentEvents} and {@code replay} give up reading after this long
 */
public record HistorySettings(long readTimeoutMs) {
  public HistorySettings {
    Check.atLeast("readTimeoutMs", readTimeoutMs, 1);
  }

  /** Loads the section from {@code source}. */
  public static HistorySettings load(ConfigSource source) {
    return source.section("client.yaml", "history", HistorySettings.class);
  }

  /** The packaged defaults. */
  public static HistorySettings defaults() {
    return load(ConfigSource.packaged());
  }

  Duration readTimeout() {
    return Duration.ofMillis(readTimeoutMs);
  }
}
