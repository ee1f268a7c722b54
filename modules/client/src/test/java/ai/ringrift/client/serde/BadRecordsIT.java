package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** A consumer using the contract's serdes rejects bad records with the topic and the reason. */
@WithKafkaCluster
class BadRecordsIT {
  static final String TOPIC = "ringrift.training.completed";

  @Test
  void rejectsAKeyThatIsNotAConfigKey(KafkaCluster cluster) throws Exception {
    EventSerdes serdes = EventSerdes.plainAvro(cluster.catalog());
    byte[] value =
        serdes
            .value(TrainingCompleted.class)
            .serializer()
            .serialize(TOPIC, SampleEvents.of(TrainingCompleted.class, 1));
    int partition = send(cluster, "gpu-node-3".getBytes(StandardCharsets.UTF_8), value);

    Throwable error = firstPollError(cluster, serdes, partition);

    assertThat(error).isInstanceOf(RecordDeserializationException.class);
    assertThat(((RecordDeserializationException) error).topicPartition())
        .isEqualTo(new TopicPartition(TOPIC, partition));
    assertThat(error.getCause())
        .isInstanceOf(EventDecodingException.class)
        .hasMessage(
            "cannot decode record on topic "
                + TOPIC
                + ": key 'gpu-node-3' is not a config key like square8_2p");
  }

  @Test
  void rejectsAValueThatIsNotValidAvro(KafkaCluster cluster) throws Exception {
    EventSerdes serdes = EventSerdes.plainAvro(cluster.catalog());
    byte[] garbage = "{\"json\": \"is not avro\"}".getBytes(StandardCharsets.UTF_8);
    int partition = send(cluster, "square8_2p".getBytes(StandardCharsets.UTF_8), garbage);

    Throwable error = firstPollError(cluster, serdes, partition);

    assertThat(error).isInstanceOf(RecordDeserializationException.class);
    assertThat(error.getCause())
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("on topic " + TOPIC)
        .hasMessageContaining("TrainingCompleted");
    assertThat(((EventDecodingException) error.getCause()).topic()).isEqualTo(TOPIC);
  }

  private static int send(KafkaCluster cluster, byte[] key, byte[] value) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(TOPIC, key, value)).get().partition();
    }
  }

  private static Throwable firstPollError(KafkaCluster cluster, EventSerdes serdes, int partition) {
    try (var consumer =
        new KafkaConsumer<>(
            cluster.consumerConfig("bad"),
            serdes.key().deserializer(),
            serdes.value(TrainingCompleted.class).deserializer())) {
      TopicPartition tp = new TopicPartition(TOPIC, partition);
      consumer.assign(List.of(tp));
      consumer.seekToEnd(List.of(tp));
      long end = consumer.position(tp);
      consumer.seek(tp, end - 1);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        Throwable error =
            catchThrowable(
                () -> {
                  ConsumerRecords<String, TrainingCompleted> records =
                      consumer.poll(Duration.ofMillis(100));
                  assertThat(records.isEmpty()).as("the bad record must not decode").isTrue();
                });
        if (error != null) {
          return error;
        }
      }
      throw new AssertionError("the bad record was never reported");
    }
  }
}
