package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.subscribe.Failures;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's thread reading grants and releases from their end onwards (no consumer group: every
 * client sees every grant and picks its own). Records that do not decode are skipped here; the
 * allocator sends them to the DLQ.
 */
final class GrantListener implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(GrantListener.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String grantTopic;
  private final Deserializer<BandwidthGranted> grants;
  private final Deserializer<BandwidthReleased> releases;
  private final Consumer<BandwidthGranted> onGrant;
  private final Consumer<BandwidthReleased> onRelease;
  private final Thread thread;
  private volatile boolean running = true;

  private GrantListener(
      KafkaConsumer<byte[], byte[]> consumer,
      TopicCatalog catalog,
      EventSerdes serdes,
      Consumer<BandwidthGranted> onGrant,
      Consumer<BandwidthReleased> onRelease) {
    this.consumer = consumer;
    this.grantTopic = catalog.topicFor(BandwidthGranted.class).name();
    this.grants = serdes.value(BandwidthGranted.class).deserializer();
    this.releases = serdes.value(BandwidthReleased.class).deserializer();
    this.onGrant = onGrant;
    this.onRelease = onRelease;
    this.thread = new Thread(this::run, "bandwidth-grants");
    thread.setDaemon(true);
  }

  /** Positions at the end of the grant and release topics, then listens on a thread. */
  static GrantListener start(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      String source,
      Consumer<BandwidthGranted> onGrant,
      Consumer<BandwidthReleased> onRelease) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bandwidth-client-" + source);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(
            catalog.topicFor(BandwidthGranted.class).name(),
            catalog.topicFor(BandwidthReleased.class).name())) {
      consumer
          .partitionsFor(topic, METADATA_TIMEOUT)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(p -> consumer.position(p, METADATA_TIMEOUT)); // fix the start now
    GrantListener listener = new GrantListener(consumer, catalog, serdes, onGrant, onRelease);
    listener.thread.start();
    return listener;
  }

  static Map<String, Object> producerConfig(KafkaSettings kafka) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          handle(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (WireFormatMismatchException e) {
      // a configuration error: waiting for grants ends (waiters time out) rather than skip them
      LOGGER.error("grant listener stopped: {}", e.getMessage());
    } finally {
      consumer.close();
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    try {
      if (record.topic().equals(grantTopic)) {
        onGrant.accept(grants.deserialize(record.topic(), record.value()));
      } else {
        onRelease.accept(releases.deserialize(record.topic(), record.value()));
      }
    } catch (RuntimeException e) {
      Failures.rethrowMisconfiguration(e);
      LOGGER.warn(
          "topic={} offset={} skipped: {}", record.topic(), record.offset(), e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
