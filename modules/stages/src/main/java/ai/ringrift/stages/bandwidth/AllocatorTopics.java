package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** The three bandwidth topics the allocator reads, and how their records decode. */
final class AllocatorTopics {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Deserializer<? extends SpecificRecord>> values;
  private final Deserializer<String> keys;

  AllocatorTopics(TopicCatalog catalog, EventSerdes serdes) {
    this.values =
        Map.of(
            catalog.topicFor(BandwidthRequested.class).name(),
            serdes.value(BandwidthRequested.class).deserializer(),
            catalog.topicFor(BandwidthGranted.class).name(),
            serdes.value(BandwidthGranted.class).deserializer(),
            catalog.topicFor(BandwidthReleased.class).name(),
            serdes.value(BandwidthReleased.class).deserializer());
    this.keys = serdes.key().deserializer();
  }

  /** Every partition of the three topics. */
  List<TopicPartition> partitions(Consumer<?, ?> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : values.keySet()) {
      for (PartitionInfo info : consumer.partitionsFor(topic, METADATA_TIMEOUT)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    return partitions;
  }

  /** The event in {@code record}; throws when its key or value does not decode. */
  SpecificRecord decode(ConsumerRecord<byte[], byte[]> record) {
    keys.deserialize(record.topic(), record.key());
    SpecificRecord event = values.get(record.topic()).deserialize(record.topic(), record.value());
    if (event == null) {
      throw new IllegalArgumentException("a bandwidth event cannot be empty (tombstone)");
    }
    return event;
  }
}
