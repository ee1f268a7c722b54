package ai.ringrift.client;

import static ai.ringrift.client.ClientFixtures.committedOffset;
import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.publisher;
import static ai.ringrift.client.ClientFixtures.quickSubscriber;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormat;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.subscribe.EventSubscriber;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A client and a topic that disagree on the wire format: a client of the other format refuses to
 * start, and a reader meeting a record of the other format stops there, in one line naming the
 * setting; no record is written, dead-lettered, skipped or committed past. Every test leaves the
 * latest record of its topics in the registry's format, as the platform writes them.
 */
@WithKafkaCluster
class WireFormatIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final ConfigSource PLAIN =
      ConfigSource.packaged().withOverrides("client.yaml", Map.of("wire.format", "plain"));
  static final String SETTING = "set wire.format (config/client.yaml, or RINGRIFT_WIRE_FORMAT) to";

  @Test
  void aPlainPublisherOnAFramedClusterRefusesToStartNamingTheSetting(KafkaCluster cluster)
      throws Exception {
    try (EventPublisher framed = publisher(cluster, unique("platform"))) {
      framed.publishSync(SampleEvents.of(TrainingCompleted.class, 1));
    }
    Map<TopicPartition, Long> before = ends(cluster);

    Throwable refused =
        catchThrowable(
            () ->
                EventPublisher.builder()
                    .kafka(KafkaSettings.of(cluster.bootstrapServers()))
                    .config(PLAIN)
                    .source("plain-trainer")
                    .metrics(new MetricRegistry())
                    .build());

    assertThat(refused).isInstanceOf(WireFormatMismatchException.class);
    assertThat(refused.getMessage())
        .startsWith(
            "publisher plain-trainer uses plain Avro (the datum alone) but the latest record of"
                + " topic ringrift.")
        .contains(") is Confluent-framed Avro")
        .contains(SETTING + " registry, the default")
        .endsWith("it did not start: nothing was read, written or skipped")
        .doesNotContain("\n");
    assertThat(((WireFormatMismatchException) refused).client()).isEqualTo(WireFormat.PLAIN);
    assertThat(ends(cluster)).isEqualTo(before);
  }

  @Test
  void aPlainSubscriberOnAFramedTopicRefusesToStartAndCommitsNothing(KafkaCluster cluster)
      throws Exception {
    try (EventPublisher framed = publisher(cluster, unique("platform"))) {
      framed.publishSync(SampleEvents.of(TrainingCompleted.class, 2));
    }
    Map<TopicPartition, Long> before = ends(cluster);
    String group = unique("plain-dashboard");
    List<Object> handled = new CopyOnWriteArrayList<>();

    try (EventSubscriber subscriber =
        EventSubscriber.builder()
            .name(group)
            .kafka(KafkaSettings.of(cluster.bootstrapServers()))
            .config(PLAIN)
            .metrics(new MetricRegistry())
            .on(TrainingCompleted.class, (e, c) -> handled.add(e))
            .build()) {
      WireFormatMismatchException refused =
          catchThrowableOfType(WireFormatMismatchException.class, subscriber::start);

      assertThat(refused.getMessage())
          .startsWith(
              "subscriber "
                  + group
                  + " uses plain Avro (the datum alone) but the latest record of topic"
                  + " ringrift.training.completed (partition ")
          .contains(") is Confluent-framed Avro (byte 0 and a schema id before the datum); ")
          .contains(SETTING + " registry")
          .doesNotContain("\n");
      assertThat(subscriber.isRunning()).isFalse();
    }
    assertThat(handled).isEmpty();
    assertThat(ClientFixtures.committed(cluster, group)).isEmpty();
    assertThat(ends(cluster)).isEqualTo(before);
  }

  @Test
  void aSubscriberWhoseRegistryDoesNotAnswerDoesNotStart(KafkaCluster cluster) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: no registry there
    }
    String group = unique("lost-dashboard");
    Map<TopicPartition, Long> before = ends(cluster);

    try (EventSubscriber subscriber =
        EventSubscriber.builder()
            .name(group)
            .kafka(
                KafkaSettings.of(cluster.bootstrapServers())
                    .withSchemaRegistry("http://localhost:" + port))
            .catalog(cluster.catalog())
            .metrics(new MetricRegistry())
            .on(TrainingCompleted.class, (e, c) -> {})
            .build()) {
      assertThat(catchThrowable(subscriber::start))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "subscriber "
                  + group
                  + " did not start: cannot reach the schema registry at http://localhost:"
                  + port)
          .hasMessageEndingWith(
              "; set RINGRIFT_SCHEMA_REGISTRY_URL (or wire.schemaRegistryUrl in"
                  + " config/client.yaml) to the registry the platform uses");
      assertThat(subscriber.isRunning()).isFalse();
    }
    assertThat(ClientFixtures.committed(cluster, group)).isEmpty();
    assertThat(deadLetters(cluster, before)).isZero();
  }

  @Test
  void aSubscriberMeetingAPlainRecordStopsThereWithoutDeadLetteringOrCommittingPastIt(
      KafkaCluster cluster) throws Exception {
    String topic = "ringrift.training.failed";
    String group = unique("evaluator");
    List<String> handled = new CopyOnWriteArrayList<>();
    PublishedEvent first;
    try (EventPublisher framed = publisher(cluster, unique("platform"))) {
      first = framed.publishSync(SampleEvents.of(TrainingFailed.class, 1));
    }
    try (EventSubscriber subscriber =
        EventSubscriber.builder()
            .name(group)
            .kafka(kafka(cluster))
            .catalog(cluster.catalog())
            .settings(quickSubscriber())
            .metrics(new MetricRegistry())
            .on(TrainingFailed.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> handled.contains(first.eventId()));
      Map<TopicPartition, Long> before = ends(cluster);
      RecordMetadata plain =
          sendRaw(cluster, topic, plain(topic, SampleEvents.of(TrainingFailed.class, 2)));
      byte[] framedAfter =
          ClientFixtures.serdes(cluster)
              .value(TrainingFailed.class)
              .serializer()
              .serialize(topic, SampleEvents.of(TrainingFailed.class, 3));
      sendRaw(cluster, topic, framedAfter);

      await().atMost(DEADLINE).until(() -> !subscriber.isRunning());
      assertThat(subscriber.failure())
          .get()
          .isInstanceOf(WireFormatMismatchException.class)
          .extracting(Throwable::getMessage)
          .asString()
          .startsWith("topic " + topic + " holds plain Avro (the datum alone) but this client")
          .contains("set wire.format (config/client.yaml, or RINGRIFT_WIRE_FORMAT) to registry")
          .doesNotContain("\n");
      TopicPartition partition = new TopicPartition(topic, plain.partition());
      assertThat(committedOffset(cluster, group, partition)).isEqualTo(plain.offset());
      assertThat(handled).containsExactly(first.eventId());
      assertThat(deadLetters(cluster, before)).isZero();
    }
  }

  @Test
  void aPlainSubscriberMeetingAFramedRecordStopsThere(KafkaCluster cluster) throws Exception {
    String topic = "ringrift.sync.failed";
    String group = unique("plain-sync-watcher");
    List<String> handled = new CopyOnWriteArrayList<>();
    DataSyncFailed plainEvent = SampleEvents.of(DataSyncFailed.class, 1);
    RecordMetadata plain = sendRaw(cluster, topic, plain(topic, plainEvent));
    try (EventSubscriber subscriber =
        EventSubscriber.builder()
            .name(group)
            .kafka(KafkaSettings.of(cluster.bootstrapServers()))
            .config(PLAIN)
            .settings(quickSubscriber())
            .metrics(new MetricRegistry())
            .on(DataSyncFailed.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(DEADLINE).until(() -> handled.size() == 1);
      Map<TopicPartition, Long> before = ends(cluster);
      RecordMetadata framed =
          sendRaw(
              cluster,
              topic,
              ClientFixtures.serdes(cluster)
                  .value(DataSyncFailed.class)
                  .serializer()
                  .serialize(topic, SampleEvents.of(DataSyncFailed.class, 2)));

      await().atMost(DEADLINE).until(() -> !subscriber.isRunning());
      assertThat(subscriber.failure().orElseThrow())
          .isInstanceOf(WireFormatMismatchException.class)
          .hasMessageContaining(SETTING + " registry");
      TopicPartition partition = new TopicPartition(topic, plain.partition());
      assertThat(committedOffset(cluster, group, partition)).isEqualTo(framed.offset());
      assertThat(handled).containsExactly(plainEvent.getHeader().getEventId());
      assertThat(deadLetters(cluster, before)).isZero();
    }
  }

  @Test
  void theHistoryReadAsPlainFromAFramedTopicFailsInsteadOfSkipping(KafkaCluster cluster) {
    try (EventPublisher framed = publisher(cluster, unique("platform"))) {
      framed.publishSync(SampleEvents.of(TrainingCompleted.class, 3));
    }
    EventHistory history =
        new EventHistory(
            KafkaSettings.of(cluster.bootstrapServers()),
            cluster.catalog(),
            EventSerdes.plainAvro(cluster.catalog()));

    assertThat(
            catchThrowableOfType(
                WireFormatMismatchException.class,
                () -> history.recentEvents(TrainingCompleted.class, 10)))
        .hasMessageContaining("holds Confluent-framed Avro");
  }

  static <T extends SpecificRecord> byte[] plain(String topic, T event) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) event.getClass();
    return EventSerdes.plainAvro(ai.ringrift.events.catalog.TopicCatalog.packaged())
        .value(type)
        .serializer()
        .serialize(topic, event);
  }

  static RecordMetadata sendRaw(KafkaCluster cluster, String topic, byte[] value) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer
          .send(new ProducerRecord<>(topic, "square8_2p".getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }

  /** The end offset of every partition of every catalog topic. */
  static Map<TopicPartition, Long> ends(KafkaCluster cluster) throws Exception {
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    for (TopicSpec topic : cluster.catalog().topics()) {
      for (int p = 0; p < topic.partitions(); p++) {
        query.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    cluster
        .admin()
        .listOffsets(query)
        .all()
        .get(30, TimeUnit.SECONDS)
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /** Records added to any dead-letter topic since {@code before}. */
  static long deadLetters(KafkaCluster cluster, Map<TopicPartition, Long> before) throws Exception {
    long added = 0;
    for (Map.Entry<TopicPartition, Long> end : ends(cluster).entrySet()) {
      if (end.getKey().topic().endsWith(".dlq")) {
        added += end.getValue() - before.getOrDefault(end.getKey(), 0L);
      }
    }
    return added;
  }
}
