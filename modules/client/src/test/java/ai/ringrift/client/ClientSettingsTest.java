package ai.ringrift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.history.HistorySettings;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.subscribe.SubscriberSettings;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/client.yaml binds to the client's settings records, and bad values name their key. */
class ClientSettingsTest {
  static final ConfigSource REPOSITORY = ConfigSource.directory(Path.of("../../config"));

  @Test
  void repositoryFileLoads() {
    PublisherSettings publisher = PublisherSettings.load(REPOSITORY);
    SubscriberSettings subscriber = SubscriberSettings.load(REPOSITORY);

    assertThat(publisher.longestWait()).isEqualTo(Duration.ofMillis(40_000));
    assertThat(subscriber.retry().maxAttempts()).isEqualTo(5);
    assertThat(subscriber.maxPollIntervalMs()).isEqualTo(300_000);
    assertThat(HistorySettings.load(REPOSITORY).readTimeoutMs()).isEqualTo(30_000);
  }

  @Test
  void packagedDefaultsMatchTheRepositoryFile() {
    assertThat(PublisherSettings.defaults()).isEqualTo(PublisherSettings.load(REPOSITORY));
    assertThat(SubscriberSettings.defaults()).isEqualTo(SubscriberSettings.load(REPOSITORY));
  }

  @Test
  void deliveryTimeoutShorterThanARequestIsRejectedWithItsKey(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("client.yaml"),
        "publisher: {maxBlockMs: 1000, deliveryTimeoutMs: 500, requestTimeoutMs: 1000,"
            + " lingerMs: 5}\n");

    assertThatThrownBy(() -> PublisherSettings.load(ConfigSource.directory(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.yaml: publisher.deliveryTimeoutMs: must be at least")
        .hasMessageContaining("was 500");
  }

  @Test
  void zeroRetryAttemptsAreRejectedWithTheNestedKey(@TempDir Path dir) throws Exception {
    String subscriber =
        Files.readString(Path.of("../../config/client.yaml"))
            .replace("maxAttempts: 5", "maxAttempts: 0");
    Files.writeString(dir.resolve("client.yaml"), subscriber);

    assertThatThrownBy(() -> SubscriberSettings.load(ConfigSource.directory(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("subscriber.retry.maxAttempts: must be at least 1, was 0");
  }
}
