package ai.ringrift.streams;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.testkit.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Helpers for integration tests of the Streams apps on a real cluster. */
public final class Cluster {
  private Cluster() {}

  /**
   * A service context on {@code cluster} with the repository's config, its events in plain Avro
   * like the {@link Driver#SERDES} the tests write and read them with.
   */
  public static ServiceContext context(KafkaCluster cluster, ServiceRuntime runtime) {
    return ServiceMain.context(
        Driver.PLAIN_CONFIG, KafkaSettings.of(cluster.bootstrapServers()), runtime);
  }

  /** A runtime on a free port without JMX. */
  public static ServiceRuntime runtime(String name) {
    return ServiceRuntime.start(name, RuntimeSettings.ephemeral());
  }

  /** The repository's Streams settings with a fresh state directory and unique application ids. */
  public static StreamsSettings settings() {
    try {
      return StreamsSettings.load(Driver.CONFIG, Map.of())
          .withStateDir(Files.createTempDirectory("streams-it"))
          .withApplicationSuffix("-" + UUID.randomUUID().toString().substring(0, 8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A producer of events with the contract's serdes. */
  public static KafkaProducer<String, SpecificRecord> producer(KafkaCluster cluster) {
    return new KafkaProducer<>(
        cluster.producerConfig(), Driver.SERDES.key().serializer(), new AnyEventSerializer());
  }

  /** Sends {@code event} to its catalog topic, keyed as the catalog says, and waits for the ack. */
  public static void send(KafkaProducer<String, SpecificRecord> producer, SpecificRecord event) {
    TopicSpec topic = Driver.CATALOG.topicFor(event.getClass());
    try {
      producer.send(new ProducerRecord<>(topic.name(), topic.key().keyOf(event), event)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send " + event.getClass().getSimpleName(), e);
    }
  }

  /** A read_committed consumer from the beginning of {@code topics}. */
  public static KafkaConsumer<byte[], byte[]> committedReader(
      KafkaCluster cluster, List<String> topics) {
    Map<String, Object> config = cluster.consumerConfig("reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(topics);
    return consumer;
  }

  /** Records polled once (short poll). */
  public static List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return records;
  }

  /**
   * Everything committed on the reader's partitions up to their current end: once a marker is seen,
   * this makes sure nothing committed before it is still unread on another partition.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readToEnd(
      KafkaConsumer<byte[], byte[]> consumer) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    var end = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not read to the end of " + consumer.assignment());
      }
      records.addAll(poll(consumer));
    }
    return records;
  }

  /** Decodes a value read from its catalog topic. */
  public static <T extends SpecificRecord> T decode(
      Class<T> type, ConsumerRecord<byte[], byte[]> r) {
    return Driver.SERDES.value(type).deserializer().deserialize(r.topic(), r.value());
  }

  /** Serializes any event with the serde of its own type. */
  static final class AnyEventSerializer
      implements org.apache.kafka.common.serialization.Serializer<SpecificRecord> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord event) {
      Class type = event.getClass();
      return Driver.SERDES.value(type).serializer().serialize(topic, event);
    }
  }
}
