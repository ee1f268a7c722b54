package ai.ringrift.client.subscribe;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;

/**
 * The subscriber's bounds, from {@code config/client.yaml} (section {@code subscriber}).
 *
 * @param pollTimeoutMs one poll of the consumer; also how soon a drained partition resumes
 * @param maxPollRecords records one poll returns at most
 * @param maxPollIntervalMs Kafka's {@code max.poll.interval.ms}; handlers run off the poll thread
 *     so a slow handler never reaches it
 * @param handlerThreads threads running handlers, shared by all partitions
 * @param maxQueuedPerPartition fetched but unhandled records after which a partition is paused
 * @param commitIntervalMs handled offsets are committed at most this often
 * @param closeTimeoutMs graceful close waits this long for running handlers
 * @param revokeTimeoutMs on a rebalance, how long to wait for a running handler before letting go
 * @param retry retries of retriable failures before the DLQ
 */
public record SubscriberSettings(
    long pollTimeoutMs,
    int maxPollRecords,
    int maxPollIntervalMs,
    int handlerThreads,
    int maxQueuedPerPartition,
    long commitIntervalMs,
    long closeTimeoutMs,
    long revokeTimeoutMs,
    RetrySettings retry) {
  /** The file these settings live in. */
  public static final String FILE = "client.yaml";

  /** The file's section. */
  public static final String SECTION = "subscriber";

  public SubscriberSettings {
    Check.atLeast("pollTimeoutMs", pollTimeoutMs, 1);
    Check.atLeast("maxPollRecords", maxPollRecords, 1);
    Check.atLeast("maxPollIntervalMs", maxPollIntervalMs, 1000);
    Check.atLeast("handlerThreads", handlerThreads, 1);
    Check.atLeast("maxQueuedPerPartition", maxQueuedPerPartition, 1);
    Check.atLeast("commitIntervalMs", commitIntervalMs, 0);
    Check.atLeast("closeTimeoutMs", closeTimeoutMs, 0);
    Check.atLeast("revokeTimeoutMs", revokeTimeoutMs, 0);
    Check.present("retry", retry);
  }

  /** Loads the section from {@code source}. */
  public static SubscriberSettings load(ConfigSource source) {
    return source.section(FILE, SECTION, SubscriberSettings.class);
  }

  /** The packaged defaults. */
  public static SubscriberSettings defaults() {
    return load(ConfigSource.packaged());
  }

  /** A copy with other retry settings. */
  public SubscriberSettings withRetry(RetrySettings changed) {
    return new SubscriberSettings(
        pollTimeoutMs,
        maxPollRecords,
        maxPollIntervalMs,
        handlerThreads,
        maxQueuedPerPartition,
        commitIntervalMs,
        closeTimeoutMs,
        revokeTimeoutMs,
        changed);
  }

  /** A copy with another {@code max.poll.interval.ms}. */
  public SubscriberSettings withMaxPollInterval(Duration interval) {
    return new SubscriberSettings(
        pollTimeoutMs,
        maxPollRecords,
        (int) interval.toMillis(),
        handlerThreads,
        maxQueuedPerPartition,
        commitIntervalMs,
        closeTimeoutMs,
        revokeTimeoutMs,
        retry);
  }

  Duration pollTimeout() {
    return Duration.ofMillis(pollTimeoutMs);
  }
}
