package ai.ringrift.client.serde;

import ai.ringrift.testkit.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing and consuming one topic-partition through the broker, as the tests need it. */
final class RegistryConsumers {
  private RegistryConsumers() {}

  static <V> void send(KafkaCluster cluster, String topic, Serializer<V> values, List<V> records)
      throws Exception {
    try (var producer =
        new KafkaProducer<>(cluster.producerConfig(), new StringSerializer(), values)) {
      for (V value : records) {
        producer.send(new ProducerRecord<>(topic, 0, "square8_2p", value)).get();
      }
    }
  }

  static void sendRaw(KafkaCluster cluster, String topic, List<byte[]> values) throws Exception {
    send(cluster, topic, new ByteArraySerializer(), values);
  }

  /**
   * Reads partition 0 of {@code topic} to its end (what was sent before the call); a record that
   * does not decode is kept in {@code errors} and skipped, as the consumer layer does.
   */
  static <V> List<V> read(
      KafkaCluster cluster,
      String topic,
      Deserializer<V> values,
      List<RecordDeserializationException> errors) {
    TopicPartition tp = new TopicPartition(topic, 0);
    List<V> read = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            cluster.consumerConfig("reader-" + System.nanoTime()),
            new StringDeserializer(),
            values)) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        try {
          for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
            read.add(record.value());
          }
        } catch (RecordDeserializationException e) {
          errors.add(e);
          consumer.seek(tp, e.offset() + 1);
        }
      }
    }
    return read;
  }
}
