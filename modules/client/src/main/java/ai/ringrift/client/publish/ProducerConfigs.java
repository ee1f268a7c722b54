package ai.ringrift.client.publish;

import ai.ringrift.client.KafkaSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer settings shared by the publisher and the dead-letter writer. Not public API.
 *
 * <p>Durability is not negotiable: {@code acks=all} and the idempotent producer are set last, over
 * anything passed through {@link KafkaSettings}, so a stray environment variable cannot weaken
 * them.
 */
public final class ProducerConfigs {
  private static final Logger LOGGER = LoggerFactory.getLogger(ProducerConfigs.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private ProducerConfigs() {}

  /** Byte-array producer settings for {@code kafka}, bounded by {@code settings}. */
  public static Map<String, Object> of(
      KafkaSettings kafka, PublisherSettings settings, String clientIdPrefix) {
    Map<String, Object> config = kafka.clientConfig();
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlockMs());
    config.putIfAbsent(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeoutMs());
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeoutMs());
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, (int) settings.lingerMs());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId(clientIdPrefix));
    enforce(config, ProducerConfig.ACKS_CONFIG, "all");
    enforce(config, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** A client id unique in this process, readable in broker logs: {@code prefix-N}. */
  public static String clientId(String prefix) {
    return prefix.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + SEQUENCE.incrementAndGet();
  }

  private static void enforce(Map<String, Object> config, String key, String value) {
    Object given = config.put(key, value);
    if (given != null && !given.toString().equals(value)) {
      LOGGER.warn("ignoring {}={}: the event client always uses {}={}", key, given, key, value);
    }
  }
}
