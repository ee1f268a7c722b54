package ai.ringrift.client.history;

import static ai.ringrift.client.ClientFixtures.kafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The live side of the group-less reader, and the one-off snapshot built on the same reader. */
@WithKafkaCluster
class TopicFollowerIT {
  @Test
  void fromTheBeginningIsCaughtUpWithEverythingCommittedBeforeTheWait(KafkaCluster cluster)
      throws Exception {
    String topic = cluster.newTopic("follower-beginning", 2);
    writeInTransactions(cluster, topic, "a", "b", "c");
    List<String> seen = new CopyOnWriteArrayList<>();
    try (TopicFollower follower =
        TopicFollower.start(
            kafka(cluster),
            "test follower",
            List.of(topic),
            TopicFollower.From.BEGINNING,
            e -> false,
            r -> seen.add(text(r.value())))) {
      follower.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");

      writeInTransactions(cluster, topic, "d");
      follower.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d");
      assertThat(follower.lastError()).isEmpty();
    }
  }

  @Test
  void fromTheEndGivesOnlyWhatCameAfterItStarted(KafkaCluster cluster) throws Exception {
    String topic = cluster.newTopic("follower-end", 1);
    writeInTransactions(cluster, topic, "old");
    List<String> seen = new CopyOnWriteArrayList<>();
    try (TopicFollower follower =
        TopicFollower.start(
            kafka(cluster),
            "test follower",
            List.of(topic),
            TopicFollower.From.END,
            e -> true,
            r -> seen.add(text(r.value())))) {
      writeInTransactions(cluster, topic, "new");
      await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("new"));
      follower.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(seen).containsExactly("new");
    }
  }

  @Test
  void fromTheEndNamesAMissingTopic(KafkaCluster cluster) {
    assertThatThrownBy(
            () ->
                TopicFollower.start(
                    kafka(cluster),
                    "test follower",
                    List.of("no-such-follower-topic"),
                    TopicFollower.From.END,
                    e -> true,
                    r -> {}))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining("no-such-follower-topic does not exist");
  }

  @Test
  void aSinkFailureTheFollowerStopsOnFailsTheWaitersWithIt(KafkaCluster cluster) {
    String topic = cluster.newTopic("follower-stops", 1);
    writeInTransactions(cluster, topic, "poison");
    try (TopicFollower follower =
        TopicFollower.start(
            kafka(cluster),
            "test follower",
            List.of(topic),
            TopicFollower.From.BEGINNING,
            e -> e instanceof IllegalStateException,
            r -> {
              throw new IllegalStateException("cannot take " + text(r.value()));
            })) {
      assertThatThrownBy(() -> follower.awaitCaughtUp(Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("test follower stopped")
          .hasMessageContaining("cannot take poison");
      assertThat(follower.lastError()).get().asString().contains("cannot take poison");
    }
  }

  @Test
  void aSnapshotReadsATransactionalTopicToItsEndInPartitionOrder(KafkaCluster cluster)
      throws Exception {
    String topic = cluster.newTopic("snapshot-read", 2);
    writeInTransactions(cluster, topic, "x", "y", "z");
    var records =
        TopicSnapshot.read(
            kafka(cluster),
            topic,
            new StringDeserializer(),
            new StringDeserializer(),
            Duration.ofSeconds(30));
    assertThat(records).extracting(r -> r.value()).containsExactlyInAnyOrder("x", "y", "z");
    assertThat(records).extracting(r -> r.partition()).isSortedAccordingTo(Integer::compare);
    assertThat(
            TopicSnapshot.read(
                kafka(cluster),
                "no-such-snapshot-topic",
                new StringDeserializer(),
                new StringDeserializer(),
                Duration.ofSeconds(30)))
        .isEmpty();
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** One transaction per value, so commit markers take offsets between the records. */
  private static void writeInTransactions(KafkaCluster cluster, String topic, String... values) {
    Map<String, Object> config = cluster.producerConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "follower-it-" + topic + "-" + values[0]);
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      for (String value : values) {
        producer.beginTransaction();
        producer.send(
            new ProducerRecord<>(
                topic,
                value.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();
      }
    }
  }
}
