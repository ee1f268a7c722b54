package ai.ringrift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the platform's services add to the Kafka settings of every client they open. */
class ServiceClientSettingsTest {
  @Test
  void theShippedSettingsBoundTheWaitOfAFetchForEveryServiceClient() {
    ServiceClientSettings settings = ServiceClientSettings.load(ConfigSource.packaged());

    KafkaSettings applied = settings.applyTo(KafkaSettings.of("broker:9092"));

    assertThat(applied.clientProperties()).containsEntry("fetch.max.wait.ms", "10");
    assertThat(applied.clientConfig()).containsEntry("fetch.max.wait.ms", "10");
  }

  @Test
  void aSettingTheDeploymentPassesItselfWins() {
    KafkaSettings fromEnvironment =
        KafkaSettings.fromEnvironment(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS", "broker:9092",
                "RINGRIFT_KAFKA_FETCH_MAX_WAIT_MS", "250"));

    KafkaSettings applied = new ServiceClientSettings(10).applyTo(fromEnvironment);

    assertThat(applied.clientProperties()).containsEntry("fetch.max.wait.ms", "250");
  }

  @Test
  void aNegativeWaitIsRefusedNamingTheKey() {
    ConfigSource config =
        ConfigSource.packaged()
            .withOverrides("client.yaml", Map.of("serviceClients.fetchMaxWaitMs", -1));

    assertThatThrownBy(() -> ServiceClientSettings.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fetchMaxWaitMs");
  }
}
