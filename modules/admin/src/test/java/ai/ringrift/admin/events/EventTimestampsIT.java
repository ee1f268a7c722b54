package ai.ringrift.admin.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.host.StageWriter;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Every writer stamps an event's record with the event's {@code occurred_at}: the publisher
 * trainers use and the stages' transactional writer share one event-to-record route, so {@code
 * events replay --since} picks the same events whoever wrote them.
 */
@WithKafkaCluster
class EventTimestampsIT {
  static final ConfigKey CONFIG = ConfigKeys.parse("hex8_4p");

  @Test
  void bothWritersStampRecordsWithOccurredAtAndReplaySinceAgrees(KafkaCluster cluster)
      throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant threeHoursAgo = now.minus(Duration.ofHours(3));
    Instant twoHoursAgo = now.minus(Duration.ofHours(2));
    Instant oneHourAgo = now.minus(Duration.ofHours(1));
    Instant halfAnHourAgo = now.minus(Duration.ofMinutes(30));
    KafkaSettings kafka = KafkaSettings.fromEnvironment(cluster.environment());
    EventSerdes serdes = EventSerdes.from(kafka, cluster.catalog());

    List<Landed> landed = new ArrayList<>();
    landed.add(publishedAt(cluster, kafka, serdes, threeHoursAgo, "publisher-old"));
    landed.add(publishedAt(cluster, kafka, serdes, oneHourAgo, "publisher-new"));
    try (StageWriter writer =
        new StageWriter(
            kafka, cluster.catalog(), serdes, "ringrift.test.timestamps." + UUID.randomUUID())) {
      writer
          .commit(
              List.of(
                  withHeaderAt(twoHoursAgo, "stage-old"), withHeaderAt(halfAnHourAgo, "stage-new")))
          .forEach(m -> landed.add(Landed.of(m)));
    }

    assertThat(landed)
        .extracting(Landed::timestamp)
        .containsExactly(threeHoursAgo, oneHourAgo, twoHoursAgo, halfAnHourAgo);
    assertThat(readBack(cluster, landed))
        .extracting(r -> Instant.ofEpochMilli(r.timestamp()))
        .containsExactly(threeHoursAgo, oneHourAgo, twoHoursAgo, halfAnHourAgo);

    String target = cluster.newTopic("replayed-timestamps", 1);
    Cli.Result replay =
        Cli.on(
            cluster,
            "events",
            "replay",
            "TrainingCompleted",
            "--since",
            "90m",
            "--to-topic",
            target,
            "--config",
            ConfigKeys.format(CONFIG));

    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    assertThat(replay.out()).startsWith("replayed 2 TrainingCompleted events since");
  }

  /** Where a writer says a record landed, and with what timestamp. */
  record Landed(TopicPartition partition, long offset, Instant timestamp) {
    static Landed of(RecordMetadata m) {
      return new Landed(
          new TopicPartition(m.topic(), m.partition()),
          m.offset(),
          Instant.ofEpochMilli(m.timestamp()));
    }
  }

  private static Landed publishedAt(
      KafkaCluster cluster, KafkaSettings kafka, EventSerdes serdes, Instant at, String model)
      throws Exception {
    try (EventPublisher publisher =
        EventPublisher.builder()
            .source("test@timestamps")
            .kafka(kafka)
            .catalog(cluster.catalog())
            .serdes(serdes)
            .clock(Clock.fixed(at, ZoneOffset.UTC))
            .build()) {
      TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, CONFIG, 1);
      event.put("header", null); // the publisher fills it with its clock's time
      event.put("model_id", model);
      var published = publisher.publishSync(event);
      return new Landed(
          new TopicPartition(published.topic(), published.partition()),
          published.offset(),
          published.timestamp());
    }
  }

  private static TrainingCompleted withHeaderAt(Instant at, String model) {
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, CONFIG, 2);
    String id = UUID.randomUUID().toString();
    event.put(
        "header",
        EventHeader.newBuilder()
            .setEventId(id)
            .setSource("stage@timestamps")
            .setOccurredAt(at)
            .setTraceId(id)
            .build());
    event.put("model_id", model);
    return event;
  }

  /** The records at {@code landed}, read back as stored, in the same order. */
  private static List<ConsumerRecord<byte[], byte[]>> readBack(
      KafkaCluster cluster, List<Landed> landed) {
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    Map<String, Object> config = cluster.consumerConfig("timestamps-" + UUID.randomUUID());
    config.put("isolation.level", "read_committed");
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (Landed m : landed) {
        TopicPartition tp = m.partition();
        consumer.assign(List.of(tp));
        consumer.seek(tp, m.offset());
        ConsumerRecord<byte[], byte[]> found = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found == null && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (found == null && r.offset() == m.offset()) {
              found = r;
            }
          }
        }
        assertThat(found).as("record at %s", m).isNotNull();
        read.add(found);
      }
    }
    return read;
  }
}
