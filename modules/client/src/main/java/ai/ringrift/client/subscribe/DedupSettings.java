package ai.ringrift.client.subscribe;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;

/**
 * How long every consumer of the platform remembers the events it applied, from {@code
 * config/client.yaml} (section {@code dedup}); the rule is in {@code docs/event-contract.md}: an
 * event's effect is applied once per {@code event_id} while its id is remembered, and a copy that
 * arrives later than {@link #window()} after the first counts as a new event.
 *
 * @param windowHours how long an applied event's id is remembered
 * @param purgeIntervalSeconds how often a store of remembered ids drops the expired ones
 * @param capacity most ids an in-memory {@link Deduplicator} holds (the oldest go first)
 */
public record DedupSettings(long windowHours, long purgeIntervalSeconds, int capacity) {
  /** The file these settings live in. */
  public static final String FILE = "client.yaml";

  /** The file's section. */
  public static final String SECTION = "dedup";

  public DedupSettings {
    Check.atLeast("windowHours", windowHours, 1L);
    Check.atLeast("purgeIntervalSeconds", purgeIntervalSeconds, 1L);
    Check.that(
        purgeIntervalSeconds <= windowHours * 3600,
        "purgeIntervalSeconds",
        "must not exceed the window (windowHours * 3600 = " + windowHours * 3600 + ")");
    Check.atLeast("capacity", capacity, 1);
  }

  /** Loads the section from {@code source}. */
  public static DedupSettings load(ConfigSource source) {
    return source.section(FILE, SECTION, DedupSettings.class);
  }

  /** The packaged defaults. */
  public static DedupSettings defaults() {
    return load(ConfigSource.packaged());
  }

  /** How long an applied event's id is remembered. */
  public Duration window() {
    return Duration.ofHours(windowHours);
  }

  /** How often expired ids are dropped. */
  public Duration purgeInterval() {
    return Duration.ofSeconds(purgeIntervalSeconds);
  }
}
