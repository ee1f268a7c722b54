package ai.ringrift.client;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Kafka client settings the platform's own services give every client they open (the stage
 * services' subscribers and writers, the Streams apps' clients, the state tables' readers, the
 * bandwidth allocator and its clients, the launcher), from {@code config/client.yaml} (section
 * {@code serviceClients}); a setting the deployment passes itself ({@code RINGRIFT_KAFKA_<NAME>})
 * wins. Libraries used by trainers and selfplay workers are not changed by it.
 *
 * @param fetchMaxWaitMs Kafka's {@code fetch.max.wait.ms}: how long the broker holds a fetch that
 *     finds nothing to return. Every hop of the loop is read {@code read_committed}, so an event
 *     becomes readable only when its transaction commits; a fetch parked before that commit was
 *     answered only after Kafka's default of 500 ms, which every quiet hop paid. The one bound for
 *     the stage services and the Streams apps alike.
 */
public record ServiceClientSettings(int fetchMaxWaitMs) {
  /** The file these settings live in. */
  public static final String FILE = "client.yaml";

  /** The file's section. */
  public static final String SECTION = "serviceClients";

  public ServiceClientSettings {
    Check.atLeast("fetchMaxWaitMs", fetchMaxWaitMs, 0);
  }

  /** Loads the section from {@code source}. */
  public static ServiceClientSettings load(ConfigSource source) {
    return source.section(FILE, SECTION, ServiceClientSettings.class);
  }

  /** {@code kafka} with these settings added where it does not set them itself. */
  public KafkaSettings applyTo(KafkaSettings kafka) {
    if (kafka.clientProperties().containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
      return kafka;
    }
    return kafka.with(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(fetchMaxWaitMs));
  }
}
