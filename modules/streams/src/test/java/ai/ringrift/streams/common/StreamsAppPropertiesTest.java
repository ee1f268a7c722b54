package ai.ringrift.streams.common;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.ServiceClientSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.streams.Driver;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** What Kafka Streams makes of an app's properties: the clients it opens get these settings. */
class StreamsAppPropertiesTest {
  @Test
  void theAppsConsumersWaitForAFetchAsLongAsEveryServiceClientOne() {
    assertThat(mainConsumerFetchWait(Driver.CONFIG)).isEqualTo("10");
    // a deployment that changes the service clients' bound (the compose cluster: 500 ms) changes
    // the Streams apps' too: streams.yaml has no bound of its own that would win
    ConfigSource slower =
        Driver.CONFIG.withOverrides("client.yaml", Map.of("serviceClients.fetchMaxWaitMs", 500));
    assertThat(mainConsumerFetchWait(slower)).isEqualTo("500");
  }

  /** The main consumer's wait, with the Kafka settings a service's context has. */
  private static String mainConsumerFetchWait(ConfigSource config) {
    KafkaSettings kafka =
        ServiceClientSettings.load(config).applyTo(KafkaSettings.of("localhost:9092"));
    StreamsConfig streams =
        new StreamsConfig(
            StreamsApp.properties(
                "properties-test", "", StreamsSettings.load(config, Map.of()), kafka));
    return String.valueOf(
        streams
            .getMainConsumerConfigs("properties-test", "properties-test-consumer", 0)
            .get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
  }
}
