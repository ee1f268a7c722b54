package ai.ringrift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.http.HttpUsers;
import ai.ringrift.runtime.http.StatusSecurity;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The variables RingRift's hosts already set: RINGRIFT_COORDINATOR_URL says where to join (a
 * service's /status/join, or the bootstrap servers themselves), RINGRIFT_CLUSTER_AUTH_TOKEN is the
 * role's password.
 */
class HostVariablesTest {
  static final ConfigSource CONFIG = ConfigSource.directory(Path.of("../../config"));

  @Test
  void aCoordinatorUrlOfAServiceHandsOutTheClusterAndTheRegistry() {
    KafkaSettings served =
        KafkaSettings.of("kafka-1:19092,kafka-2:19092")
            .withSchemaRegistry("http://schema-registry:8081")
            .withSasl("stages", "stages-secret");
    try (ServiceRuntime coordinator =
        ServiceRuntime.start("coordinator", RuntimeSettings.ephemeral())) {
      ServiceMain.context(CONFIG, served, coordinator);
      KafkaSettings joined =
          KafkaSettings.fromEnvironment(
              Map.of(
                  "RINGRIFT_COORDINATOR_URL", coordinator.http().baseUrl(),
                  "RINGRIFT_KAFKA_USERNAME", "selfplay",
                  "RINGRIFT_CLUSTER_AUTH_TOKEN", "selfplay-secret"));
      assertThat(joined.bootstrapServers()).isEqualTo("kafka-1:19092,kafka-2:19092");
      assertThat(joined.schemaRegistryUrl()).contains("http://schema-registry:8081");
      assertThat(joined.clientProperties())
          .containsEntry("security.protocol", "SASL_PLAINTEXT")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry("basic.auth.user.info", "selfplay:selfplay-secret");
      assertThat(joined.username()).contains("selfplay");
      assertThat(coordinator.http().baseUrl()).startsWith("http://");
    }
  }

  @Test
  void withSecurityOnAHostJoinsWithItsOwnLoginAndWithoutOneIsToldToSetIt() {
    StatusSecurity security =
        new StatusSecurity(
            Optional.empty(), HttpUsers.of(Map.of("selfplay", "selfplay-secret"), "ringrift"));
    try (ServiceRuntime coordinator =
        ServiceRuntime.start("coordinator", RuntimeSettings.ephemeral(), security)) {
      ServiceMain.context(CONFIG, KafkaSettings.of("kafka-1:19092"), coordinator);
      KafkaSettings joined =
          KafkaSettings.fromEnvironment(
              Map.of(
                  "RINGRIFT_COORDINATOR_URL", coordinator.http().baseUrl(),
                  "RINGRIFT_KAFKA_USERNAME", "selfplay",
                  "RINGRIFT_CLUSTER_AUTH_TOKEN", "selfplay-secret"));
      assertThat(joined.bootstrapServers()).isEqualTo("kafka-1:19092");
      assertThatThrownBy(
              () ->
                  KafkaSettings.fromEnvironment(
                      Map.of("RINGRIFT_COORDINATOR_URL", coordinator.http().baseUrl())))
          .hasMessageContaining("/status/join answered 401: it wants a login")
          .hasMessageContaining("RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN");
      assertThatThrownBy(
              () ->
                  KafkaSettings.fromEnvironment(
                      Map.of(
                          "RINGRIFT_COORDINATOR_URL", coordinator.http().baseUrl(),
                          "RINGRIFT_KAFKA_USERNAME", "selfplay",
                          "RINGRIFT_CLUSTER_AUTH_TOKEN", "guessed")))
          .hasMessageContaining(
              "answered 401: the status endpoint does not accept this host's login");
    }
  }

  @Test
  void explicitVariablesWinOverTheCoordinator() {
    try (ServiceRuntime coordinator =
        ServiceRuntime.start("coordinator", RuntimeSettings.ephemeral())) {
      ServiceMain.context(
          CONFIG, KafkaSettings.of("far:9092").withSchemaRegistry("http://far:8081"), coordinator);
      KafkaSettings joined =
          KafkaSettings.fromEnvironment(
              Map.of(
                  "RINGRIFT_COORDINATOR_URL",
                  coordinator.http().baseUrl(),
                  "RINGRIFT_SCHEMA_REGISTRY_URL",
                  "http://near:8081"));
      assertThat(joined.bootstrapServers()).isEqualTo("far:9092");
      assertThat(joined.schemaRegistryUrl()).contains("http://near:8081");
      assertThat(
              KafkaSettings.fromEnvironment(
                      Map.of(
                          "RINGRIFT_COORDINATOR_URL",
                          coordinator.http().baseUrl(),
                          "RINGRIFT_BOOTSTRAP_SERVERS",
                          "mine:9092"))
                  .bootstrapServers())
          .isEqualTo("mine:9092");
    }
  }

  @Test
  void aCoordinatorUrlWithoutASchemeIsTheBootstrapServers() {
    KafkaSettings joined =
        KafkaSettings.fromEnvironment(Map.of("RINGRIFT_COORDINATOR_URL", "kafka-1:19092"));
    assertThat(joined.bootstrapServers()).isEqualTo("kafka-1:19092");
    assertThat(joined.schemaRegistryUrl()).isEmpty();
  }

  @Test
  void aCoordinatorThatDoesNotAnswerIsOneLineNamingTheVariable() {
    int closed;
    try (ServiceRuntime gone = ServiceRuntime.start("gone", RuntimeSettings.ephemeral())) {
      closed = gone.http().port();
    }
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnvironment(
                    Map.of("RINGRIFT_COORDINATOR_URL", "http://127.0.0.1:" + closed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RINGRIFT_COORDINATOR_URL: cannot read http://127.0.0.1:")
        .hasMessageContaining("set RINGRIFT_BOOTSTRAP_SERVERS instead");
    try (ServiceRuntime bare = ServiceRuntime.start("bare", RuntimeSettings.ephemeral())) {
      assertThatThrownBy(
              () ->
                  KafkaSettings.fromEnvironment(
                      Map.of("RINGRIFT_COORDINATOR_URL", bare.http().baseUrl())))
          .hasMessageContaining("/status/join answered 404");
    }
  }

  @Test
  void theAuthTokenIsTheRolesPasswordForKafkaAndTheRegistry() {
    KafkaSettings settings =
        KafkaSettings.fromEnvironment(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS", "kafka-1:19092",
                "RINGRIFT_KAFKA_USERNAME", "trainer",
                "RINGRIFT_CLUSTER_AUTH_TOKEN", "t0k3n"));
    assertThat(settings.clientProperties().get("sasl.jaas.config"))
        .contains("username=\"trainer\"", "password=\"t0k3n\"");
    assertThat(settings.clientProperties()).containsEntry("basic.auth.user.info", "trainer:t0k3n");
    assertThat(settings.toString()).doesNotContain("t0k3n");
  }
}
