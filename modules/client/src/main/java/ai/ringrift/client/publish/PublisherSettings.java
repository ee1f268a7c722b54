package ai.ringrift.client.publish;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;

/**
 * The publisher's bounds, from {@code config/client.yaml} (section {@code publisher}).
 *
 * @param maxBlockMs longest {@code send()} waits for metadata or buffer space; past it an
 *     unreachable broker is reported as a {@link PublishException}
 * @param deliveryTimeoutMs longest a record may take from send to the broker's acknowledgement,
 *     retries included
 * @param requestTimeoutMs longest one produce request may take
 * @param lingerMs how long the producer waits to fill a batch
 */
public record PublisherSettings(
    long maxBlockMs, long deliveryTimeoutMs, long requestTimeoutMs, long lingerMs) {
  /** The file these settings live in. */
  public static final String FILE = "client.yaml";

  /** The file's section. */
  public static final String SECTION = "publisher";

  public PublisherSettings {
    Check.atLeast("maxBlockMs", maxBlockMs, 1);
    Check.atLeast("requestTimeoutMs", requestTimeoutMs, 1);
    Check.atLeast("lingerMs", lingerMs, 0);
    // Kafka's own rule, checked here so the message names our key rather than the producer's.
    Check.that(
        deliveryTimeoutMs >= lingerMs + requestTimeoutMs,
        "deliveryTimeoutMs",
        "must be at least lingerMs + requestTimeoutMs ("
            + (lingerMs + requestTimeoutMs)
            + "), was "
            + deliveryTimeoutMs);
  }

  /** Loads the section from {@code source}. */
  public static PublisherSettings load(ConfigSource source) {
    return source.section(FILE, SECTION, PublisherSettings.class);
  }

  /** The packaged defaults. */
  public static PublisherSettings defaults() {
    return load(ConfigSource.packaged());
  }

  /** A copy that gives up on an unreachable broker sooner (or later). */
  public PublisherSettings withMaxBlock(Duration maxBlock) {
    return new PublisherSettings(
        maxBlock.toMillis(), deliveryTimeoutMs, requestTimeoutMs, lingerMs);
  }

  /** The longest a synchronous publish can wait before its outcome is known. */
  public Duration longestWait() {
    return Duration.ofMillis(maxBlockMs + deliveryTimeoutMs);
  }
}
