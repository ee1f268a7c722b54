package ai.ringrift.client.history;

import static ai.ringrift.client.ClientFixtures.kafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The group-less reader: bounded reads and open-ended following, committing nothing. */
@WithKafkaCluster
class TopicReaderIT {
  @Test
  void followGivesRecordsWrittenBeforeAndAfterItStartedAndAddsPartitionsKeepingPositions(
      KafkaCluster cluster) {
    String first = cluster.newTopic("reader-first", 1);
    String second = cluster.newTopic("reader-second", 1);
    write(cluster, first, "a0", "a1");
    List<String> seen = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka(cluster), Duration.ofSeconds(30))) {
      TopicPartition a = reader.partitions(first).get(0);
      reader.follow(Map.of(a, 1L));
      await().atMost(Duration.ofSeconds(30)).until(() -> poll(reader, seen).contains("a1"));
      write(cluster, second, "b0");
      write(cluster, first, "a2");
      reader.follow(Map.of(reader.partitions(second).get(0), 0L));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> poll(reader, seen).containsAll(List.of("a2", "b0")));

      assertThat(seen).containsExactlyInAnyOrder("a1", "a2", "b0");
      assertThat(reader.following()).hasSize(2);
      assertThat(reader.position(a)).isEqualTo(3);
    }
  }

  @Test
  void aMissingTopicIsNamedInTheError(KafkaCluster cluster) {
    try (TopicReader reader = new TopicReader(kafka(cluster), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> reader.partitions("no-such-topic"))
          .isInstanceOf(HistoryException.class)
          .hasMessageContaining("no-such-topic does not exist");
    }
  }

  private static List<String> poll(TopicReader reader, List<String> seen) {
    reader
        .poll(Duration.ofMillis(100))
        .forEach(r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)));
    return seen;
  }

  private static void write(KafkaCluster cluster, String topic, String... values) {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }
}
