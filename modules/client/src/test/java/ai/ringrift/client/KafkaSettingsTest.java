package ai.ringrift.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aBlankBootstrapServersIsRefusedEvenWithACoordinatorUrl() {
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnvironment(
                    Map.of(
                        "RINGRIFT_BOOTSTRAP_SERVERS", "",
                        "RINGRIFT_COORDINATOR_URL", "kafka-1:19092")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RINGRIFT_BOOTSTRAP_SERVERS");
  }

  @Test
  void aUserNameAndTheClusterAuthTokenLogInWithScram() {
    KafkaSettings settings =
        KafkaSettings.fromEnvironment(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "RINGRIFT_KAFKA_USERNAME", "selfplay",
                "RINGRIFT_CLUSTER_AUTH_TOKEN", "s3cret"));

    assertThat(settings.clientConfig())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("basic.auth.user.info", "selfplay:s3cret")
        .doesNotContainKey("username");
    AppConfigurationEntry login = parsedByKafka(settings);
    assertThat(login.getLoginModuleName())
        .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
    assertThat(login.getOptions().get("username")).isEqualTo("selfplay");
    assertThat(login.getOptions().get("password")).isEqualTo("s3cret");
    assertThat(settings.username()).contains("selfplay");
  }

  @Test
  void theClusterAuthTokenComesFromASecretFileAndATrustStoreMeansSaslSsl(@TempDir Path dir)
      throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "from-a-file\n");
    KafkaSettings settings =
        KafkaSettings.fromEnvironment(
            Map.of(
                "RINGRIFT_KAFKA_USERNAME", "selfplay",
                "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE", token.toString(),
                "RINGRIFT_KAFKA_SSL_TRUSTSTORE_LOCATION", "/certs/truststore.p12"));
    assertThat(settings.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.location", "/certs/truststore.p12")
        .containsEntry("basic.auth.user.info", "selfplay:from-a-file")
        .doesNotContainKey("cluster.auth.token.file");
    assertThat(settings.toString()).doesNotContain("from-a-file");
  }

  @Test
  void explicitSecuritySettingsWinOverTheDefaults() {
    KafkaSettings settings =
        KafkaSettings.fromEnvironment(
            Map.of(
                "RINGRIFT_KAFKA_USERNAME", "admin",
                "RINGRIFT_CLUSTER_AUTH_TOKEN", "pw",
                "RINGRIFT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "RINGRIFT_KAFKA_SASL_MECHANISM", "PLAIN",
                "RINGRIFT_KAFKA_BASIC_AUTH_USER_INFO", "registry-user:other"));

    assertThat(settings.clientConfig())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("basic.auth.user.info", "registry-user:other");
    assertThat(parsedByKafka(settings).getLoginModuleName())
        .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
  }

  @Test
  void quotesAndBackslashesInATokenSurviveKafkasJaasParser() {
    String token = "a\"b\\c d;";
    KafkaSettings settings = KafkaSettings.of("k:9092").withSasl("trainer", token);

    assertThat(parsedByKafka(settings).getOptions().get("password")).isEqualTo(token);
    assertThat(settings.username()).contains("trainer");
  }

  @Test
  void aUserNameWithoutTokenNamesBothVariables() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnvironment(Map.of("RINGRIFT_KAFKA_USERNAME", "selfplay")))
        .hasMessage(
            "RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN go together: set both (the"
                + " role's user name and its password) or neither");
    assertThatThrownBy(
            () -> KafkaSettings.fromEnvironment(Map.of("RINGRIFT_CLUSTER_AUTH_TOKEN", "x")))
        .hasMessageContaining("go together");
  }

  @Test
  void toStringNeverShowsASecret() {
    KafkaSettings settings =
        KafkaSettings.of("k:9092")
            .withSasl("streams", "top-secret")
            .with("ssl.truststore.password", "also-secret");

    assertThat(settings.toString())
        .doesNotContain("secret")
        .contains("sasl.mechanism=SCRAM-SHA-512")
        .contains("sasl.jaas.config=[hidden]");
  }

  private static AppConfigurationEntry parsedByKafka(KafkaSettings settings) {
    // as the client parses it: sasl.jaas.config is a Password once the config is validated
    String jaas = settings.clientProperties().get("sasl.jaas.config");
    var entries =
        JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas)))
            .configurationEntries();
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }
}
