package ai.ringrift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  @Test
  void readsTheDocumentedEnvironmentVariables() {
    KafkaSettings settings =
        KafkaSettings.fromEnvironment(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "RINGRIFT_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "RINGRIFT_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "RINGRIFT_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "PATH", "/usr/bin"));
    assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
    assertThat(settings.schemaRegistryUrl()).contains("http://registry:8081");
    assertThat(settings.clientConfig())
        .containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .hasSize(3);
  }

  @Test
  void defaultsToALocalBrokerWithoutRegistry() {
    KafkaSettings settings = KafkaSettings.fromEnvironment(Map.of());
    assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(settings.schemaRegistryUrl()).isEmpty();
  }

  @Test
  void refusesBlankBootstrapServers() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnvironment(Map.of("RINGRIFT_BOOTSTRAP_SERVERS", " ")))
        .hasMessageContaining("RINGRIFT_BOOTSTRAP_SERVERS");
  }
}
