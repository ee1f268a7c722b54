package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.Board;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Every event type of the catalog through the real broker and back, with every field compared. */
@WithKafkaCluster
class EventRoundTripIT {
  static final List<ConfigKey> CONFIGS =
      List.of(ConfigKeys.of(Board.SQUARE8, 2), ConfigKeys.of(Board.HEXAGONAL, 4));

  @Test
  void everyEventTypeSurvivesTheBrokerWithItsKey(KafkaCluster cluster) throws Exception {
    EventSerdes serdes = EventSerdes.plainAvro(cluster.catalog());
    List<TopicSpec> topics =
        cluster.catalog().topics().stream().filter(t -> t.valueType().isPresent()).toList();
    assertThat(topics).hasSizeGreaterThanOrEqualTo(25);

    try (var producer =
            new KafkaProducer<>(
                cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        var consumer =
            new KafkaConsumer<>(
                cluster.consumerConfig("roundtrip"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
      for (TopicSpec topic : topics) {
        List<SpecificRecord> sent = new ArrayList<>();
        for (int seed = 0; seed < CONFIGS.size(); seed++) {
          SpecificRecord event =
              SampleEvents.of(topic.valueType().get(), CONFIGS.get(seed), seed + 1);
          String key = topic.key().keyOf(event);
          producer
              .send(
                  new ProducerRecord<>(
                      topic.name(),
                      serdes.key().serializer().serialize(topic.name(), key),
                      encode(serdes, topic, event)))
              .get();
          sent.add(event);
        }
        List<ConsumerRecord<byte[], byte[]>> received = readAll(consumer, topic, sent.size());
        Serde<? extends SpecificRecord> serde = serdes.value(topic.valueType().get());
        List<Object> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
          String key = serdes.key().deserializer().deserialize(topic.name(), record.key());
          Object value = serde.deserializer().deserialize(topic.name(), record.value());
          assertThat(key).as(topic.name()).isEqualTo(topic.key().keyOf((SpecificRecord) value));
          decoded.add(value);
        }
        assertThat(decoded).as(topic.name()).containsExactlyInAnyOrderElementsOf(sent);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> byte[] encode(
      EventSerdes serdes, TopicSpec topic, SpecificRecord event) {
    Serde<T> serde = (Serde<T>) serdes.value(topic.valueType().get());
    return serde.serializer().serialize(topic.name(), (T) event);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(
      KafkaConsumer<byte[], byte[]> consumer, TopicSpec topic, int expected) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < topic.partitions(); p++) {
      partitions.add(new TopicPartition(topic.name(), p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (records.size() < expected && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    }
    return records;
  }
}
