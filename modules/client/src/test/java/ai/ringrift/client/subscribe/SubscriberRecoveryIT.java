package ai.ringrift.client.subscribe;

import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.publisher;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber stopped in the middle of a batch, without committing what it handled, and started
 * again: every event is handled at least once, and exactly once through a {@link Deduplicator}.
 */
@WithKafkaCluster
class SubscriberRecoveryIT {
  static final Duration DEADLINE = Duration.ofSeconds(90);
  static final int EVENTS = 60;
  static final int BEFORE_CRASH = 25;

  @Test
  void anAbortedSubscriberRestartedWithTheDedupHelperHandlesEveryEventExactlyOnce(
      KafkaCluster cluster) throws Exception {
    String source = unique("selfplay");
    String group = unique("recovering");
    Set<String> published = publish(cluster, source, EVENTS);
    Deduplicator dedup = new Deduplicator(1000);
    Map<String, AtomicInteger> effective = new ConcurrentHashMap<>();
    AtomicInteger deliveries = new AtomicInteger();
    AtomicInteger budget = new AtomicInteger(BEFORE_CRASH);
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);

    // commits are held back for a minute, so the crash loses all of the first run's progress
    SubscriberSettings holdCommits =
        new SubscriberSettings(
            100,
            500,
            300_000,
            4,
            1000,
            60_000,
            30_000,
            10_000,
            ai.ringrift.client.ClientFixtures.QUICK_RETRIES);
    EventSubscriber first =
        subscriber(cluster, source, group, holdCommits)
            .on(
                SelfplayBatchCompleted.class,
                counting(
                    deliveries,
                    dedup.wrap(
                        (e, c) -> {
                          if (budget.getAndDecrement() <= 0) {
                            stuck.countDown();
                            never.await(); // mid-batch: the rest of the batch hangs here
                          }
                          record(effective, e);
                        })))
            .build()
            .start();
    assertThat(stuck.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    first.abort();
    assertThat(effective).hasSize(BEFORE_CRASH);

    try (EventSubscriber second =
        subscriber(cluster, source, group, ai.ringrift.client.ClientFixtures.quickSubscriber())
            .on(
                SelfplayBatchCompleted.class,
                counting(deliveries, dedup.wrap((e, c) -> record(effective, e))))
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> effective.keySet().equals(published));
    }

    assertThat(effective.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(dedup.skipped())
        .as("the first run's events came again and were skipped")
        .isEqualTo(BEFORE_CRASH);
    assertThat(deliveries.get()).isGreaterThanOrEqualTo(EVENTS + BEFORE_CRASH);
  }

  @Test
  void aSubscriberProcessKilledMidBatchAndRestartedHandlesEveryEventAtLeastOnce(
      KafkaCluster cluster, @TempDir Path dir) throws Exception {
    String source = unique("selfplay");
    String group = unique("crashing");
    Set<String> published = publish(cluster, source, EVENTS);
    Path log = dir.resolve("handled.txt");

    Process first = launch(cluster, group, source, log, BEFORE_CRASH, "first");
    try {
      await().atMost(DEADLINE).until(() -> lines(log).size() >= BEFORE_CRASH);
    } finally {
      first.destroyForcibly(); // SIGKILL: no close, no commit, no leaving the group
      first.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(lines(log)).hasSize(BEFORE_CRASH);

    Process second = launch(cluster, group, source, log, -1, "second");
    try {
      await().atMost(DEADLINE).until(() -> new HashSet<>(lines(log)).containsAll(published));
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }

    Map<String, Long> times =
        lines(log).stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(times.keySet()).containsAll(published);
    assertThat(times.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1));
  }

  private static Set<String> publish(KafkaCluster cluster, String source, int count) {
    Set<String> ids = new HashSet<>();
    try (EventPublisher publisher = publisher(cluster, source)) {
      for (int i = 0; i < count; i++) {
        ids.add(
            publisher
                .selfplayBatchCompleted(
                    ConfigKeys.all().get(i % 12), "node-1", 50, i, "/g", null, Duration.ZERO)
                .join()
                .eventId());
      }
    }
    return ids;
  }

  private static SubscriberBuilder subscriber(
      KafkaCluster cluster, String source, String group, SubscriberSettings settings) {
    return EventSubscriber.builder()
        .name(group)
        // a crashed member does not leave the group; its partitions move after the session ends
        .kafka(
            kafka(cluster).with("session.timeout.ms", "6000").with("heartbeat.interval.ms", "1000"))
        .catalog(cluster.catalog())
        .settings(settings)
        .metrics(new MetricRegistry())
        .fromSources(source);
  }

  private static EventHandler<SelfplayBatchCompleted> counting(
      AtomicInteger deliveries, EventHandler<SelfplayBatchCompleted> handler) {
    return (e, c) -> {
      deliveries.incrementAndGet();
      handler.handle(e, c);
    };
  }

  private static void record(Map<String, AtomicInteger> effective, SelfplayBatchCompleted e) {
    effective
        .computeIfAbsent(e.getHeader().getEventId(), id -> new AtomicInteger())
        .incrementAndGet();
  }

  private static Process launch(
      KafkaCluster cluster, String group, String source, Path log, int budget, String name)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File output = new File("target", "subscriber-process-" + group + "-" + name + ".log");
    ProcessBuilder process =
        new ProcessBuilder(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                SubscriberProcess.class.getName(),
                cluster.bootstrapServers(),
                group,
                source,
                log.toString(),
                Integer.toString(budget)));
    // the cluster's registry, found as a subscriber of a deployment finds it
    process.environment().put(KafkaSettings.ENV_SCHEMA_REGISTRY_URL, cluster.registryUrl());
    return process.redirectErrorStream(true).redirectOutput(output).start();
  }

  private static List<String> lines(Path log) throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
