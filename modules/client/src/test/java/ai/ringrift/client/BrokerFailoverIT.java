package ai.ringrift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Three brokers, the catalog at replication 3 and min ISR 2: losing one broker costs no
 * acknowledged event, and the broker that comes back catches up.
 */
@WithKafkaCluster(brokers = 3)
class BrokerFailoverIT {
  static final int PER_PHASE = 150;

  @Test
  void publishingWithAcksAllSurvivesABrokerAndTheBrokerCatchesUp(KafkaCluster cluster)
      throws Exception {
    TopicSpec topic = cluster.catalog().topicFor(TrainingCompleted.class);
    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
    assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
    EventSerdes serdes =
        EventSerdes.from(KafkaSettings.fromEnvironment(cluster.environment()), cluster.catalog());
    List<String> acked = new ArrayList<>();
    try (var producer = producer(cluster, serdes)) {
      acked.addAll(publish(producer, topic, 0));
      int stopped = busiestLeader(describe(cluster, topic.name()));
      cluster.stopBroker(stopped);

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(describe(cluster, topic.name()).partitions())
                      .allSatisfy(p -> assertThat(isrIds(p)).hasSize(2).doesNotContain(stopped)));
      acked.addAll(publish(producer, topic, PER_PHASE));

      cluster.startBroker(stopped);
      acked.addAll(publish(producer, topic, 2 * PER_PHASE));
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(describe(cluster, topic.name()).partitions())
                      .allSatisfy(p -> assertThat(isrIds(p)).hasSize(3).contains(stopped)));
    }

    assertThat(acked).hasSize(3 * PER_PHASE).doesNotHaveDuplicates();
    assertThat(readAll(cluster, serdes, topic, acked.size()))
        .containsExactlyInAnyOrderElementsOf(acked);
  }

  private static KafkaProducer<String, TrainingCompleted> producer(
      KafkaCluster cluster, EventSerdes serdes) {
    Map<String, Object> config = new HashMap<>(cluster.producerConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    return new KafkaProducer<>(
        config, serdes.key().serializer(), serdes.value(TrainingCompleted.class).serializer());
  }

  /** Publishes one phase of events over every config and returns the ids the brokers acked. */
  private static List<String> publish(
      KafkaProducer<String, TrainingCompleted> producer, TopicSpec topic, int firstSeed)
      throws Exception {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    var configs = ConfigKeys.all();
    for (int seed = firstSeed; seed < firstSeed + PER_PHASE; seed++) {
      TrainingCompleted event =
          SampleEvents.of(TrainingCompleted.class, configs.get(seed % configs.size()), seed);
      sends.add(producer.send(new ProducerRecord<>(topic.name(), topic.key().keyOf(event), event)));
      ids.add(Events.eventId(event).orElseThrow());
    }
    List<String> acked = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      sends.get(i).get(); // throws if the brokers did not acknowledge it
      acked.add(ids.get(i));
    }
    return acked;
  }

  private static List<String> readAll(
      KafkaCluster cluster, EventSerdes serdes, TopicSpec topic, int expected) {
    Map<String, Object> config = new HashMap<>(cluster.consumerConfig("failover-reader"));
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> read = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            config,
            serdes.key().deserializer(),
            serdes.value(TrainingCompleted.class).deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(r -> read.add(Events.eventId(r.value()).orElseThrow()));
                return read.size() >= expected;
              });
    }
    return read;
  }

  private static TopicDescription describe(KafkaCluster cluster, String topic) throws Exception {
    return cluster.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
  }

  private static List<Integer> isrIds(TopicPartitionInfo partition) {
    return partition.isr().stream().map(Node::id).toList();
  }

  /** The broker leading the most partitions, so stopping it moves leadership. */
  private static int busiestLeader(TopicDescription topic) {
    Map<Integer, Integer> led = new HashMap<>();
    topic.partitions().forEach(p -> led.merge(p.leader().id(), 1, Integer::sum));
    return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
