package ai.ringrift.admin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.http.KeyStoreFile;
import ai.ringrift.registry.settings.RegistrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry service's settings come from the variables the compose cluster sets. */
class SchemaRegistryServiceTest {
  static final ConfigSource CONFIG = ConfigSource.directory(Path.of("../../config"));

  @Test
  void logsInAsItsRoleAndLetsEveryRoleWithATokenCallTheApi() {
    RegistrySettings settings =
        SchemaRegistryService.settings(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS", "kafka-1:19092,kafka-2:19092",
                "RINGRIFT_KAFKA_USERNAME", "registry",
                "RINGRIFT_CLUSTER_AUTH_TOKEN", "r-secret",
                "RINGRIFT_CLUSTER_AUTH_TOKEN_ADMIN", "a-secret",
                "RINGRIFT_CLUSTER_AUTH_TOKEN_STAGES", "s-secret",
                "RINGRIFT_REGISTRY_PORT", "8082",
                "RINGRIFT_REGISTRY_REPLICATION_FACTOR", "3"),
            CONFIG);
    assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:19092,kafka-2:19092");
    assertThat(settings.clientProperties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .doesNotContainKey("basic.auth.user.info");
    assertThat(settings.clientProperties().get("sasl.jaas.config"))
        .contains("username=\"registry\"");
    assertThat(settings.users()).isEqualTo(Map.of("admin", "a-secret", "stages", "s-secret"));
    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.port()).isEqualTo(8082);
    assertThat(settings.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void readsSecretsFromFilesServesHttpsAndLetsOnlyTheAdminsWrite(@TempDir Path dir)
      throws IOException {
    Path admin = Files.writeString(dir.resolve("admin-token"), "a-secret\n");
    Path selfplay = Files.writeString(dir.resolve("selfplay-token"), "p-secret\n");
    Path tls = Files.writeString(dir.resolve("tls-password"), "store-secret\n");
    RegistrySettings settings =
        SchemaRegistryService.settings(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS",
                "kafka-1:19092",
                "RINGRIFT_CLUSTER_AUTH_TOKEN_ADMIN_FILE",
                admin.toString(),
                "RINGRIFT_CLUSTER_AUTH_TOKEN_SELFPLAY_FILE",
                selfplay.toString(),
                "RINGRIFT_REGISTRY_ADMINS",
                "admin",
                "RINGRIFT_REGISTRY_SUBJECT_WRITERS",
                "selfplay=ringrift-selfplay-",
                "RINGRIFT_REGISTRY_SSL_KEYSTORE_LOCATION",
                "/tls/schema-registry.p12",
                "RINGRIFT_REGISTRY_SSL_KEYSTORE_PASSWORD_FILE",
                tls.toString()),
            CONFIG);
    assertThat(settings.users()).isEqualTo(Map.of("admin", "a-secret", "selfplay", "p-secret"));
    assertThat(settings.admins()).containsExactly("admin");
    assertThat(settings.subjectWriters()).isEqualTo(Map.of("selfplay", "ringrift-selfplay-"));
    assertThat(settings.tls())
        .contains(new KeyStoreFile(Path.of("/tls/schema-registry.p12"), "store-secret", null));
  }

  @Test
  void takesItsUsersFromAPasswordFileAndHoldsNoRolesPassword() {
    RegistrySettings settings =
        SchemaRegistryService.settings(
            Map.of(
                "RINGRIFT_BOOTSTRAP_SERVERS", "kafka-1:19092",
                "RINGRIFT_REGISTRY_USERS_FILE", "/var/lib/ringrift-registry-auth/passwords",
                "RINGRIFT_REGISTRY_ADMINS", "admin",
                "RINGRIFT_REGISTRY_SUBJECT_WRITERS", "streams=ringrift-"),
            CONFIG);
    assertThat(settings.users()).isEmpty();
    assertThat(settings.usersFile()).contains(Path.of("/var/lib/ringrift-registry-auth/passwords"));
    assertThat(settings.authenticates()).isTrue();
    assertThat(settings.admins()).containsExactly("admin");
    assertThat(settings.subjectWriters()).isEqualTo(Map.of("streams", "ringrift-"));
  }

  @Test
  void anAdminWithoutAPasswordIsNamed() {
    assertThatThrownBy(
            () ->
                SchemaRegistryService.settings(
                    Map.of(
                        "RINGRIFT_BOOTSTRAP_SERVERS", "k:9092",
                        "RINGRIFT_CLUSTER_AUTH_TOKEN_SELFPLAY", "p-secret",
                        "RINGRIFT_REGISTRY_ADMINS", "admin"),
                    CONFIG))
        .hasMessageContaining("RINGRIFT_REGISTRY_ADMINS names 'admin'")
        .hasMessageContaining("RINGRIFT_CLUSTER_AUTH_TOKEN_ADMIN");
  }

  @Test
  void withoutTokensTheApiIsOpenOnTheDefaultPort() {
    RegistrySettings settings =
        SchemaRegistryService.settings(Map.of("RINGRIFT_BOOTSTRAP_SERVERS", "k:9092"), CONFIG);
    assertThat(settings.users()).isEmpty();
    assertThat(settings.admins()).isEmpty();
    assertThat(settings.tls()).isEmpty();
    assertThat(settings.port()).isEqualTo(8081);
    assertThat(settings.replicationFactor()).isEqualTo((short) 1);
  }

  @Test
  void aPortThatIsNotANumberIsNamed() {
    assertThatThrownBy(
            () ->
                SchemaRegistryService.settings(Map.of("RINGRIFT_REGISTRY_PORT", "eighty"), CONFIG))
        .hasMessage("RINGRIFT_REGISTRY_PORT must be a number, was 'eighty'");
  }
}
