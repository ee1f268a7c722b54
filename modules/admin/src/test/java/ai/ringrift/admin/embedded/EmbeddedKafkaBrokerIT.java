package ai.ringrift.admin.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product's single-node broker: a real KRaft server whose data survives a restart. */
class EmbeddedKafkaBrokerIT {
  @TempDir Path dir;

  @Test
  void keepsWhatWasProducedAcrossARestartOnTheSameDirectory() throws Exception {
    EmbeddedBrokerSettings settings = EmbeddedBrokerSettings.anyPort(dir.resolve("kafka"));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
      try (Admin admin = admin(broker)) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (var producer = producer(broker)) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("kept", "k" + i, "v" + i)).get();
        }
      }
    }
    try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(settings)) {
      List<String> values = readAll(restarted, "kept", 10);
      assertThat(values)
          .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }
  }

  @Test
  void saysSoWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("localhost", 0));
      var settings =
          new EmbeddedBrokerSettings(dir.resolve("kafka"), "localhost", taken.getLocalPort(), 0);
      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("port localhost:" + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void saysSoWhenTheDirectoryCannotBeWritten() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    var settings = EmbeddedBrokerSettings.anyPort(file.resolve("kafka"));
    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining("cannot create the broker data directory")
        .hasMessageContaining("--data-dir");
  }

  @Test
  void refusesADirectoryAnotherBrokerIsUsing() {
    EmbeddedBrokerSettings settings = EmbeddedBrokerSettings.anyPort(dir.resolve("shared"));
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(settings)) {
      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("in use by another broker");
      assertThat(first.bootstrapServers()).startsWith("localhost:");
    }
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      return values;
    }
  }
}
