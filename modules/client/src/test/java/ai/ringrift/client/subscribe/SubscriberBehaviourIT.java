package ai.ringrift.client.subscribe;

import static ai.ringrift.client.ClientFixtures.committedOffset;
import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.publisher;
import static ai.ringrift.client.ClientFixtures.quickSubscriber;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.ClientFixtures;
import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.PipelineFailed;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.SyncRequested;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** How a subscriber behaves around slow, asynchronous and filtered handlers. */
@WithKafkaCluster
class SubscriberBehaviourIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final ConfigKey SQUARE8_2P = ConfigKeys.parse("square8_2p");

  @Test
  void aHandlerSlowerThanMaxPollIntervalDoesNotBreakTheGroup(KafkaCluster cluster)
      throws Exception {
    String source = unique("exporter");
    String group = unique("slow");
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    PublishedEvent first;
    PublishedEvent second;
    try (EventPublisher publisher = publisher(cluster, source)) {
      first = publisher.publishSync(withoutHeader(NpzExportCompleted.class, 1));
      second = publisher.publishSync(withoutHeader(NpzExportCompleted.class, 2));
    }

    try (EventSubscriber subscriber =
        builder(cluster, group, source)
            .settings(quickSubscriber().withMaxPollInterval(Duration.ofSeconds(2)))
            .on(
                NpzExportCompleted.class,
                (e, c) -> {
                  if (e.getHeader().getEventId().equals(first.eventId())) {
                    running.countDown();
                    release.await(); // far longer than max.poll.interval.ms
                  }
                  handled.add(e.getHeader().getEventId());
                })
            .build()
            .start()) {
      assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      // three poll intervals pass with the handler still busy; the member stays in a stable group
      await()
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(20))
          .until(() -> stableWithOneMember(cluster, group) && subscriber.assignment().size() == 6);
      release.countDown();
      await().atMost(DEADLINE).until(() -> handled.size() == 2);
      await()
          .atMost(DEADLINE)
          .until(() -> committedOffset(cluster, group, partitionOf(second)) == second.offset() + 1);
    }

    assertThat(handled).containsExactly(first.eventId(), second.eventId());
  }

  @Test
  void aBacklogHandlerSeesTheEventsFetchedBehindItsOwnAndEachIsStillHandledInItsTurn(
      KafkaCluster cluster) throws Exception {
    String source = unique("trainer");
    String group = unique("backlog");
    CountDownLatch running = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    List<String> later = new ArrayList<>();
    try (EventPublisher publisher = publisher(cluster, source)) {
      String first = publisher.publishSync(withoutHeader(TrainingCompleted.class, 1)).eventId();
      try (EventSubscriber subscriber =
          builder(cluster, group, source)
              .onAsyncWithBacklog(
                  TrainingCompleted.class,
                  (e, c, backlog) -> {
                    if (e.getHeader().getEventId().equals(first)) {
                      running.countDown();
                      await().atMost(DEADLINE).until(() -> backlog.events().size() == 3);
                    }
                    seen.add(
                        backlog.events().stream().map(b -> b.getHeader().getEventId()).toList());
                    handled.add(e.getHeader().getEventId());
                    return CompletableFuture.completedFuture(null);
                  })
              .build()
              .start()) {
        assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 4; i++) {
          later.add(publisher.publishSync(withoutHeader(TrainingCompleted.class, i)).eventId());
        }
        await().atMost(DEADLINE).until(() -> handled.size() == 4);
        assertThat(handled.get(0)).isEqualTo(first);
      }
    }
    assertThat(handled.subList(1, 4)).as("each still in its own turn").isEqualTo(later);
    assertThat(seen.get(0)).as("the first saw the three behind it").isEqualTo(later);
    assertThat(seen.get(1)).isEqualTo(later.subList(1, 3));
    assertThat(seen.get(3)).isEmpty();
  }

  @Test
  void filtersAndTheLoopGuardSkipEventsAndCommitPastThem(KafkaCluster cluster) {
    String own = unique("evaluator");
    String other = unique("trainer");
    String group = unique("filtered");
    String job = unique("job");
    MetricRegistry metrics = new MetricRegistry();
    List<String> handled = new CopyOnWriteArrayList<>();
    PublishedEvent wanted;
    try (EventPublisher mine = publisher(cluster, own);
        EventPublisher theirs = publisher(cluster, other)) {
      wanted = theirs.trainingRun(SQUARE8_2P, job).progress(1, 20, 0.9, null).join();
      theirs.trainingRun(ConfigKeys.parse("hex8_3p"), job).progress(1, 20, 0.9, null).join();
      mine.trainingRun(SQUARE8_2P, job).progress(2, 20, 0.8, null).join();
    }

    try (EventSubscriber subscriber =
        EventSubscriber.builder()
            .name(group)
            .kafka(kafka(cluster))
            .catalog(cluster.catalog())
            .settings(quickSubscriber())
            .metrics(metrics)
            .source(own)
            .ignoreOwnEvents()
            .configs(SQUARE8_2P, ConfigKeys.parse("hex8_2p"))
            .filter(e -> ((TrainingProgress) e).getJobId().equals(job))
            .on(TrainingProgress.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> handled.contains(wanted.eventId()));
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  metrics.counter(MetricNames.filtered(group, "TrainingProgress")).getCount() == 2);
    }

    assertThat(handled).containsExactly(wanted.eventId());
  }

  @Test
  void aFilterThatThrowsDeadLettersTheEventInsteadOfWedgingThePartition(KafkaCluster cluster) {
    String source = unique("sync-requester");
    String group = unique("broken-filter");
    MetricRegistry metrics = new MetricRegistry();
    List<String> handled = new CopyOnWriteArrayList<>();
    PublishedEvent bad;
    PublishedEvent good;
    try (EventPublisher publisher = publisher(cluster, source)) {
      bad = publisher.publishSync(withoutHeader(SyncRequested.class, 1));
      good = publisher.publishSync(withoutHeader(SyncRequested.class, 2));
    }

    try (EventSubscriber subscriber =
        builder(cluster, group, source)
            .metrics(metrics)
            .filter(
                e -> {
                  if (Events.eventId(e).orElseThrow().equals(bad.eventId())) {
                    throw new IllegalStateException("a filter with a bug");
                  }
                  return true;
                })
            .on(SyncRequested.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await()
          .atMost(DEADLINE)
          .until(() -> committedOffset(cluster, group, partitionOf(good)) == good.offset() + 1);
    }

    assertThat(handled).containsExactly(good.eventId());
    assertThat(metrics.counter(MetricNames.deadLettered(group, "SyncRequested")).getCount())
        .isEqualTo(1);
  }

  @Test
  void aRedriveForAnotherGroupIsSkippedAndOneForThisGroupIsHandled(KafkaCluster cluster)
      throws Exception {
    String source = unique("exporter");
    String group = unique("redriven");
    List<String> handled = new CopyOnWriteArrayList<>();
    PublishedEvent original;
    try (EventPublisher publisher = publisher(cluster, source)) {
      original = publisher.publishSync(withoutHeader(NpzExportCompleted.class, 1));
    }
    ConsumerRecord<byte[], byte[]> sent =
        ClientFixtures.read(cluster, original.topic(), r -> r.offset() == original.offset(), 1)
            .get(0);
    // the same bytes again, as `ringrift events dlq redrive` sends them: one for another group
    // (which gave up on it), then one for this group
    RecordMetadata last;
    try (var raw =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(redriven(sent, "some-other-group")).get();
      last = raw.send(redriven(sent, group)).get();
    }

    try (EventSubscriber subscriber =
        builder(cluster, group, source)
            .on(NpzExportCompleted.class, (e, c) -> handled.add(c.offset() + ""))
            .build()
            .start()) {
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  committedOffset(
                          cluster, group, new TopicPartition(last.topic(), last.partition()))
                      == last.offset() + 1);
    }

    // the copy for the other group came between the two and was committed past, not handled
    assertThat(handled).containsExactly(original.offset() + "", last.offset() + "");
  }

  private static ProducerRecord<byte[], byte[]> redriven(
      ConsumerRecord<byte[], byte[]> record, String group) {
    ProducerRecord<byte[], byte[]> copy =
        new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value());
    copy.headers().add(RedriveTarget.HEADER, group.getBytes(StandardCharsets.UTF_8));
    return copy;
  }

  @Test
  void asyncHandlersAreRetriedAndKeepTheOrderOfAPartition(KafkaCluster cluster) {
    String source = unique("syncer");
    String group = unique("async");
    List<String> published = new ArrayList<>();
    try (EventPublisher publisher = publisher(cluster, source)) {
      for (int i = 0; i < 20; i++) {
        published.add(publisher.publishSync(withoutHeader(DataSyncCompleted.class, i)).eventId());
      }
    }
    List<String> handled = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger();

    try (EventSubscriber subscriber =
        builder(cluster, group, source)
            .onAsync(
                DataSyncCompleted.class,
                (e, c) -> {
                  String id = e.getHeader().getEventId();
                  // later events finish sooner: only the subscriber keeps them in order
                  long delayMs = 20 - published.indexOf(id);
                  return CompletableFuture.runAsync(
                      () -> {
                        if (c.attempt() == 1 && published.indexOf(id) % 5 == 0) {
                          failures.incrementAndGet();
                          throw new IllegalStateException("rsync exited with 12");
                        }
                        handled.add(id);
                      },
                      CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS));
                })
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> handled.size() == published.size());
    }

    assertThat(failures).hasValue(4);
    assertThat(handled).containsExactlyElementsOf(published);
  }

  @Test
  void lagPerPartitionCountsWhatIsNotHandledYet(KafkaCluster cluster) {
    String source = unique("signals");
    String group = unique("lagging");
    MetricRegistry metrics = new MetricRegistry();
    CountDownLatch release = new CountDownLatch(1);
    PublishedEvent last = null;
    try (EventPublisher publisher = publisher(cluster, source)) {
      for (int i = 0; i < 10; i++) {
        last = publisher.publishSync(withoutHeader(RegressionDetected.class, i));
      }
    }
    String gauge = MetricNames.lag(group, last.topic(), last.partition());

    try (EventSubscriber subscriber =
        builder(cluster, group, source)
            .metrics(metrics)
            .on(RegressionDetected.class, (e, c) -> release.await())
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> lag(metrics, gauge) == 10);
      release.countDown();
      await().atMost(DEADLINE).until(() -> lag(metrics, gauge) == 0);
    }

    assertThat(metrics.getGauges()).doesNotContainKey(gauge);
  }

  @Test
  void closeWaitsForTheRunningHandlerAndCommitsIt(KafkaCluster cluster) throws Exception {
    String source = unique("pipeline");
    String group = unique("closing");
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PublishedEvent event;
    try (EventPublisher publisher = publisher(cluster, source)) {
      event = publisher.publishSync(withoutHeader(PipelineFailed.class, 1));
    }
    EventSubscriber subscriber =
        builder(cluster, group, source)
            .on(
                PipelineFailed.class,
                (e, c) -> {
                  running.countDown();
                  release.await();
                })
            .build()
            .start();
    assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closed = CompletableFuture.runAsync(subscriber::close);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !closed.isDone());
    release.countDown();
    closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

    assertThat(committedOffset(cluster, group, partitionOf(event))).isEqualTo(event.offset() + 1);
    assertThat(subscriber.isRunning()).isFalse();
  }

  @Test
  void aHandedBackEventIsNeitherAFailureNorRetriedAndTheNextSubscriberGetsIt(KafkaCluster cluster)
      throws Exception {
    String source = unique("stage");
    String group = unique("handing-back");
    PublishedEvent event;
    try (EventPublisher publisher = publisher(cluster, source)) {
      event = publisher.publishSync(withoutHeader(PipelineFailed.class, 3));
    }
    MetricRegistry metrics = new MetricRegistry();
    AtomicInteger calls = new AtomicInteger();

    try (EventSubscriber first =
        builder(cluster, group, source)
            .metrics(metrics)
            .onAsync(
                PipelineFailed.class,
                (e, c) -> {
                  calls.incrementAndGet();
                  return CompletableFuture.failedFuture(new HandBackException("stopping"));
                })
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> calls.get() == 1);
      // a failure would be retried within the quick settings' backoff and counted
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> calls.get() == 1);
      assertThat(metrics.counter(MetricNames.failed(group, "PipelineFailed")).getCount()).isZero();
    }

    List<String> handled = new CopyOnWriteArrayList<>();
    try (EventSubscriber next =
        builder(cluster, group, source)
            .on(PipelineFailed.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> handled.contains(event.eventId()));
    }
  }

  private static SubscriberBuilder builder(KafkaCluster cluster, String group, String source) {
    return EventSubscriber.builder()
        .name(group)
        .kafka(kafka(cluster))
        .catalog(cluster.catalog())
        .settings(quickSubscriber())
        .metrics(new MetricRegistry())
        .fromSources(source);
  }

  private static boolean stableWithOneMember(KafkaCluster cluster, String group) throws Exception {
    ConsumerGroupDescription description =
        cluster
            .admin()
            .describeConsumerGroups(List.of(group))
            .describedGroups()
            .get(group)
            .get(10, TimeUnit.SECONDS);
    return description.groupState() == GroupState.STABLE && description.members().size() == 1;
  }

  private static long lag(MetricRegistry metrics, String name) {
    @SuppressWarnings("unchecked")
    Gauge<Long> gauge = metrics.getGauges().get(name);
    return gauge == null ? -1 : gauge.getValue();
  }

  private static TopicPartition partitionOf(PublishedEvent event) {
    return new TopicPartition(event.topic(), event.partition());
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T withoutHeader(
      Class<T> type, int seed) {
    return SubscriberDeliveryIT.withoutHeader(SampleEvents.of(type, SQUARE8_2P, seed));
  }
}
