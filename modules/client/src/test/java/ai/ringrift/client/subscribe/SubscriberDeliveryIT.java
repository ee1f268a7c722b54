package ai.ringrift.client.subscribe;

import static ai.ringrift.client.ClientFixtures.QUICK_RETRIES;
import static ai.ringrift.client.ClientFixtures.committedOffset;
import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.publisher;
import static ai.ringrift.client.ClientFixtures.quickSubscriber;
import static ai.ringrift.client.ClientFixtures.read;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.ClientFixtures;
import ai.ringrift.client.TickingClock;
import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.client.serde.WireFormatException;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * What a subscriber guarantees on a real broker. Each test uses its own event type (topic), group
 * and source, so tests sharing the class's cluster never see each other's records.
 */
@WithKafkaCluster
class SubscriberDeliveryIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void nothingIsLostWhenTheSubscriberStartsAfterPublishing(KafkaCluster cluster) {
    String source = unique("selfplay");
    Set<String> published = ConcurrentHashMap.newKeySet();
    try (EventPublisher publisher = publisher(cluster, source)) {
      for (int i = 0; i < 30; i++) {
        published.add(
            publisher
                .selfplayBatchCompleted(
                    ConfigKeys.all().get(i % 12), "node-1", 50, i, "/g", null, Duration.ZERO)
                .join()
                .eventId());
      }
    }
    Set<String> handled = ConcurrentHashMap.newKeySet();

    try (EventSubscriber subscriber =
        subscriber(cluster, source, new MetricRegistry())
            .on(SelfplayBatchCompleted.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(handled).isEqualTo(published));
    }
  }

  @Test
  void aHandlerThatFailsThreeTimesThenSucceedsHandlesTheEventOnceAndCommits(KafkaCluster cluster) {
    String source = unique("trainer");
    MetricRegistry metrics = new MetricRegistry();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    AtomicInteger handled = new AtomicInteger();
    PublishedEvent event;
    try (EventPublisher publisher = publisher(cluster, source)) {
      event = publisher.publishSync(withoutHeader(SampleEvents.of(TrainingStarted.class, 1)));
    }
    String group = unique("flaky");

    try (EventSubscriber subscriber =
        subscriber(cluster, source, metrics)
            .name(group)
            .on(
                TrainingStarted.class,
                (e, c) -> {
                  attempts.add(c.attempt());
                  if (c.attempt() <= 3) {
                    throw new IOException("host busy, attempt " + c.attempt());
                  }
                  handled.incrementAndGet();
                })
            .build()
            .start()) {
      awaitCommitted(cluster, group, event);
    }

    assertThat(attempts).containsExactly(1, 2, 3, 4);
    assertThat(handled).hasValue(1);
    assertThat(metrics.counter(MetricNames.failed(group, "TrainingStarted")).getCount())
        .isEqualTo(3);
    assertThat(metrics.counter(MetricNames.handled(group, "TrainingStarted")).getCount())
        .isEqualTo(1);
    assertThat(metrics.timer(MetricNames.handlerTimer(group, "TrainingStarted")).getCount())
        .isEqualTo(1);
    assertThat(metrics.counter(MetricNames.deadLettered(group, "TrainingStarted")).getCount())
        .isZero();
  }

  @Test
  void aHandlerThatAlwaysFailsSendsTheEventToTheDlqWithHeadersAndThePartitionKeepsFlowing(
      KafkaCluster cluster) {
    String source = unique("trainer");
    String group = unique("failing");
    MetricRegistry metrics = new MetricRegistry();
    Instant start = Instant.parse("2026-03-11T12:00:00Z");
    List<String> handled = new CopyOnWriteArrayList<>();
    PublishedEvent bad;
    PublishedEvent good;
    try (EventPublisher publisher = publisher(cluster, source)) {
      bad = publisher.publishSync(withoutHeader(SampleEvents.of(TrainingCompleted.class, 1)));
      good = publisher.publishSync(withoutHeader(SampleEvents.of(TrainingCompleted.class, 2)));
    }
    assertThat(good.partition()).as("same config, same partition").isEqualTo(bad.partition());

    try (EventSubscriber subscriber =
        subscriber(cluster, source, metrics)
            .name(group)
            .clock(new TickingClock(start, Duration.ofSeconds(1)))
            .on(
                TrainingCompleted.class,
                (e, c) -> {
                  if (e.getHeader().getEventId().equals(bad.eventId())) {
                    throw new IOException("disk full on gpu-node-3");
                  }
                  handled.add(e.getHeader().getEventId());
                })
            .build()
            .start()) {
      awaitCommitted(cluster, group, good);
    }

    assertThat(handled).containsExactly(good.eventId());
    ConsumerRecord<byte[], byte[]> dead = deadLetter(cluster, "ringrift.training.completed", group);
    Map<String, String> headers = DeadLetterHeaders.read(dead.headers());
    assertThat(headers)
        .containsEntry(DeadLetterHeaders.ORIGINAL_TOPIC, "ringrift.training.completed")
        .containsEntry(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(bad.partition()))
        .containsEntry(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(bad.offset()))
        .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, IOException.class.getName())
        .containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "disk full on gpu-node-3")
        .containsEntry(DeadLetterHeaders.ATTEMPTS, Integer.toString(QUICK_RETRIES.maxAttempts()))
        .containsEntry(DeadLetterHeaders.REASON, "RETRIES_EXHAUSTED")
        .containsEntry(DeadLetterHeaders.SUBSCRIBER, group);
    Instant first = Instant.parse(headers.get(DeadLetterHeaders.FIRST_FAILURE));
    Instant last = Instant.parse(headers.get(DeadLetterHeaders.LAST_FAILURE));
    assertThat(first).isAfterOrEqualTo(start);
    assertThat(last).isAfter(first);
    TrainingCompleted kept = decode(cluster, dead, TrainingCompleted.class);
    assertThat(kept.getHeader().getEventId()).isEqualTo(bad.eventId());
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(bad.key());
    assertThat(metrics.counter(MetricNames.deadLettered(group, "TrainingCompleted")).getCount())
        .isEqualTo(1);
  }

  @Test
  void aPoisonRecordGoesStraightToTheDlqAndTheNextRecordIsHandled(KafkaCluster cluster)
      throws Exception {
    String topic = "ringrift.training.failed";
    String source = unique("trainer");
    String group = unique("poisoned");
    MetricRegistry metrics = new MetricRegistry();
    byte[] garbage = "{\"json\": \"is not avro\"}".getBytes(StandardCharsets.UTF_8);
    byte[] validValue =
        ClientFixtures.serdes(cluster)
            .value(TrainingFailed.class)
            .serializer()
            .serialize(topic, SampleEvents.of(TrainingFailed.class, 9));
    RecordMetadata badValue = sendRaw(cluster, topic, "square8_2p", garbage);
    RecordMetadata badKey = sendRaw(cluster, topic, "gpu-node-3", validValue);
    PublishedEvent next;
    try (EventPublisher publisher = publisher(cluster, source)) {
      next = publisher.publishSync(withoutHeader(SampleEvents.of(TrainingFailed.class, 3)));
    }
    assertThat(next.partition()).isEqualTo(badValue.partition());
    List<String> handled = new CopyOnWriteArrayList<>();

    try (EventSubscriber subscriber =
        subscriber(cluster, source, metrics)
            .name(group)
            .on(TrainingFailed.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> handled.contains(next.eventId()));
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  metrics.counter(MetricNames.deadLettered(group, "TrainingFailed")).getCount()
                      == 2);
    }

    List<ConsumerRecord<byte[], byte[]>> dead =
        read(cluster, topic + ".dlq", r -> fromGroup(r, group), 2);
    ConsumerRecord<byte[], byte[]> undecodable = byOffset(dead, badValue);
    assertThat(undecodable.value()).isEqualTo(garbage);
    assertThat(DeadLetterHeaders.read(undecodable.headers()))
        // garbage, not a record of either wire format: poison (magic byte '{', not 0)
        .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, WireFormatException.class.getName())
        .containsEntry(DeadLetterHeaders.ATTEMPTS, "1")
        .containsEntry(DeadLetterHeaders.REASON, "POISON");
    ConsumerRecord<byte[], byte[]> wrongKey = byOffset(dead, badKey);
    assertThat(new String(wrongKey.key(), StandardCharsets.UTF_8)).isEqualTo("gpu-node-3");
    assertThat(DeadLetterHeaders.read(wrongKey.headers()).get(DeadLetterHeaders.EXCEPTION_MESSAGE))
        .contains("key 'gpu-node-3' is not a config key");
    assertThat(metrics.counter(MetricNames.failed(group, "TrainingFailed")).getCount()).isZero();
  }

  @Test
  void aNonRetriableFailureGoesToTheDlqWithoutRetries(KafkaCluster cluster) {
    String source = unique("evaluator");
    String group = unique("strict");
    AtomicInteger calls = new AtomicInteger();
    PublishedEvent event;
    try (EventPublisher publisher = publisher(cluster, source)) {
      event = publisher.publishSync(withoutHeader(SampleEvents.of(EvaluationCompleted.class, 4)));
    }

    try (EventSubscriber subscriber =
        subscriber(cluster, source, new MetricRegistry())
            .name(group)
            .on(
                EvaluationCompleted.class,
                (e, c) -> {
                  calls.incrementAndGet();
                  throw new NonRetriableException("model " + e.getModelId() + " does not exist");
                })
            .build()
            .start()) {
      awaitCommitted(cluster, group, event);
    }

    assertThat(calls).hasValue(1);
    ConsumerRecord<byte[], byte[]> dead =
        deadLetter(cluster, "ringrift.evaluation.completed", group);
    assertThat(DeadLetterHeaders.read(dead.headers()))
        .containsEntry(DeadLetterHeaders.ATTEMPTS, "1")
        .containsEntry(DeadLetterHeaders.REASON, "POISON")
        .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, NonRetriableException.class.getName());
  }

  static SubscriberBuilder subscriber(KafkaCluster cluster, String source, MetricRegistry metrics) {
    return EventSubscriber.builder()
        .name(unique("group"))
        .kafka(kafka(cluster))
        .catalog(cluster.catalog())
        .settings(quickSubscriber())
        .metrics(metrics)
        .fromSources(source);
  }

  /** Waits until {@code group} committed past {@code event}. */
  static void awaitCommitted(KafkaCluster cluster, String group, PublishedEvent event) {
    TopicPartition partition = new TopicPartition(event.topic(), event.partition());
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(committedOffset(cluster, group, partition))
                    .isEqualTo(event.offset() + 1));
  }

  static ConsumerRecord<byte[], byte[]> deadLetter(
      KafkaCluster cluster, String topic, String group) {
    return read(cluster, topic + ".dlq", r -> fromGroup(r, group), 1).get(0);
  }

  static boolean fromGroup(ConsumerRecord<byte[], byte[]> record, String group) {
    return group.equals(DeadLetterHeaders.read(record.headers()).get(DeadLetterHeaders.SUBSCRIBER));
  }

  static ConsumerRecord<byte[], byte[]> byOffset(
      List<ConsumerRecord<byte[], byte[]>> dead, RecordMetadata original) {
    return dead.stream()
        .filter(
            r ->
                Long.toString(original.offset())
                    .equals(
                        DeadLetterHeaders.read(r.headers()).get(DeadLetterHeaders.ORIGINAL_OFFSET)))
        .filter(
            r ->
                Integer.toString(original.partition())
                    .equals(
                        DeadLetterHeaders.read(r.headers())
                            .get(DeadLetterHeaders.ORIGINAL_PARTITION)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no DLQ record for offset " + original.offset()));
  }

  static RecordMetadata sendRaw(KafkaCluster cluster, String topic, String key, byte[] value)
      throws Exception {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer
          .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }

  static <T extends SpecificRecord> T decode(
      KafkaCluster cluster, ConsumerRecord<byte[], byte[]> r, Class<T> type) {
    return ClientFixtures.serdes(cluster)
        .value(type)
        .deserializer()
        .deserialize(r.topic(), r.value());
  }

  /** A copy with no header, so the test's publisher fills a fresh one with its own source. */
  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> T withoutHeader(T event) {
    T copy = (T) org.apache.avro.specific.SpecificData.get().deepCopy(event.getSchema(), event);
    copy.put(copy.getSchema().getField("header").pos(), null);
    return copy;
  }
}
