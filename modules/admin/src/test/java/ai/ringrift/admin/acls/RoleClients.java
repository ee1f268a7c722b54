package ai.ringrift.admin.acls;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Producers and consumers logged in as one role, built as services build them. */
final class RoleClients {
  private final KafkaSettings settings;
  private final TopicCatalog catalog;

  RoleClients(KafkaSettings settings, TopicCatalog catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  KafkaSettings settings() {
    return settings;
  }

  /** Publishes {@code event} to its catalog topic with acks=all and waits for the ack. */
  <T extends SpecificRecord> void publish(T event) throws Exception {
    Map<String, Object> config = settings.clientConfig();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) event.getClass();
    EventSerdes serdes = serdes();
    var topic = catalog.topicFor(type);
    try (var producer =
        new KafkaProducer<>(config, serdes.key().serializer(), serdes.value(type).serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), topic.key().keyOf(event), event)).get();
    }
  }

  /**
   * Reads {@code count} events of {@code type} from its topic's start in consumer group {@code
   * group}.
   */
  <T extends SpecificRecord> List<T> read(Class<T> type, String group, int count) {
    Map<String, Object> config = settings.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    EventSerdes serdes = serdes();
    List<T> read = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            config, serdes.key().deserializer(), serdes.value(type).deserializer())) {
      consumer.subscribe(List.of(catalog.topicFor(type).name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> read.add(r.value()));
      }
    }
    return read;
  }

  /** The settings as a properties file for {@code --command-config}. */
  Path commandConfig(Path dir, String name) throws IOException {
    Properties props = new Properties();
    settings.clientProperties().forEach(props::setProperty);
    Path file = dir.resolve(name + ".properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      props.store(out, "client settings of " + name);
    }
    return file;
  }

  /**
   * The registry's serdes when these clients name one, plain Avro otherwise: the cluster of the
   * tests without a registry is plain for every reader and writer.
   */
  private EventSerdes serdes() {
    return settings.schemaRegistryUrl().isPresent()
        ? EventSerdes.from(settings, catalog)
        : EventSerdes.plainAvro(catalog);
  }
}
