package ai.ringrift.client;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.RetrySettings;
import ai.ringrift.client.subscribe.SubscriberSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.testkit.KafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the client's integration tests share: settings, publishers, raw reads of topics. */
public final class ClientFixtures {
  /** Retries quick enough for tests: 4 attempts, 20 ms doubling to 200 ms. */
  public static final RetrySettings QUICK_RETRIES = new RetrySettings(4, 20, 2.0, 200);

  private ClientFixtures() {}

  /** Settings of {@code cluster}: its bootstrap servers and its schema registry. */
  public static KafkaSettings kafka(KafkaCluster cluster) {
    return KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
  }

  /** The serdes a publisher or subscriber of {@code cluster} has by default: the registry's. */
  public static EventSerdes serdes(KafkaCluster cluster) {
    return EventSerdes.from(kafka(cluster), ConfigSource.packaged(), cluster.catalog());
  }

  /** Subscriber settings with quick retries. */
  public static SubscriberSettings quickSubscriber() {
    return SubscriberSettings.defaults().withRetry(QUICK_RETRIES);
  }

  /** A unique name for a test's group, source or job, so tests sharing topics stay apart. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A publisher on {@code cluster} with its own registry. */
  public static EventPublisher publisher(KafkaCluster cluster, String source) {
    return EventPublisher.builder()
        .kafka(kafka(cluster))
        .catalog(cluster.catalog())
        .source(source)
        .metrics(new MetricRegistry())
        .build();
  }

  /**
   * Reads {@code topic} from the beginning until {@code expected} records match, at most 30 s.
   *
   * @throws AssertionError when fewer match in time
   */
  public static List<ConsumerRecord<byte[], byte[]>> read(
      KafkaCluster cluster,
      String topic,
      Predicate<ConsumerRecord<byte[], byte[]>> match,
      int expected) {
    Map<String, Object> config = cluster.consumerConfig("unused");
    config.remove("group.id");
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (found.size() < expected && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(100))
            .forEach(
                r -> {
                  if (match.test(r)) {
                    found.add(r);
                  }
                });
      }
      if (found.size() < expected) {
        throw new AssertionError(
            "expected " + expected + " matching records on " + topic + ", found " + found.size());
      }
      return found;
    }
  }

  /** The offset {@code group} committed for {@code partition}, or -1 when it has none. */
  public static long committedOffset(KafkaCluster cluster, String group, TopicPartition partition) {
    OffsetAndMetadata offset = committed(cluster, group).get(partition);
    return offset == null ? -1 : offset.offset();
  }

  /** The offsets {@code group} committed. */
  public static Map<TopicPartition, OffsetAndMetadata> committed(
      KafkaCluster cluster, String group) {
    try {
      return cluster
          .admin()
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the offsets of " + group, e);
    }
  }
}
