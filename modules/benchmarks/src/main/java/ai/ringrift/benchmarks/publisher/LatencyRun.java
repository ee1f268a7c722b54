package ai.ringrift.benchmarks.publisher;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.EventSubscriber;
import ai.ringrift.client.subscribe.SubscriberSettings;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.contract.ConfigKeys;
import com.codahale.metrics.MetricRegistry;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency: our publisher sends at a fixed rate, our subscriber's handler notes how long
 * each event took from {@code publish()} to the handler (same JVM, so one nanosecond clock).
 */
final class LatencyRun {
  /** Latency percentiles in milliseconds. */
  record Result(int count, double p50, double p99, double max) {}

  private LatencyRun() {}

  static Result run(
      OurPublisherRun publishing,
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      int rate,
      int seconds)
      throws InterruptedException {
    int warmup = rate; // the first second (connections, JIT) is not counted
    int total = warmup + rate * seconds;
    AtomicLongArray sentAt = new AtomicLongArray(total);
    long[] latency = new long[total];
    // only measured events are awaited: "latest" may miss the first warm-up events
    CountDownLatch handled = new CountDownLatch(total - warmup);
    String marker = "bench-latency-" + UUID.randomUUID();
    try (EventSubscriber subscriber =
            EventSubscriber.builder()
                .name(marker)
                .kafka(kafka.with("auto.offset.reset", "latest"))
                .catalog(catalog)
                .serdes(serdes)
                .settings(SubscriberSettings.defaults())
                .metrics(new MetricRegistry())
                .filter(e -> ((TrainingProgress) e).getJobId().equals(marker))
                .on(
                    TrainingProgress.class,
                    (e, c) -> {
                      int seq = e.getEpoch();
                      latency[seq] = System.nanoTime() - sentAt.get(seq);
                      if (seq >= warmup) {
                        handled.countDown();
                      }
                    })
                .build()
                .start();
        EventPublisher publisher = publishing.publisher(new MetricRegistry())) {
      awaitAssignment(subscriber);
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long next = System.nanoTime();
      for (int i = 0; i < total; i++) {
        LockSupport.parkNanos(next - System.nanoTime());
        sentAt.set(i, System.nanoTime());
        publisher.publish(
            new TrainingProgress(null, ConfigKeys.all().get(i % 12), marker, i, total, 0.5, null));
        next += interval;
      }
      if (!handled.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(handled.getCount() + " events never reached the handler");
      }
    }
    long[] measured = Arrays.copyOfRange(latency, warmup, total);
    Arrays.sort(measured);
    return new Result(
        measured.length,
        millis(measured[(int) (measured.length * 0.50)]),
        millis(measured[(int) (measured.length * 0.99)]),
        millis(measured[measured.length - 1]));
  }

  private static void awaitAssignment(EventSubscriber subscriber) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (subscriber.assignment().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the subscriber got no partitions within 60 s");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
