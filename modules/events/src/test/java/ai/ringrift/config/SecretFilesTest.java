package ai.ringrift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path dir;

  @Test
  void aSecretFileBecomesTheVariableWithoutItsTrailingNewline() throws Exception {
    Path token = Files.writeString(dir.resolve("selfplay-token"), "s3cret with spaces\n");
    Map<String, String> env =
        SecretFiles.resolve(
            Map.of(
                "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE",
                token.toString(),
                "RINGRIFT_KAFKA_USERNAME",
                "selfplay"));
    assertThat(env)
        .containsEntry("RINGRIFT_CLUSTER_AUTH_TOKEN", "s3cret with spaces")
        .containsEntry("RINGRIFT_KAFKA_USERNAME", "selfplay")
        .doesNotContainKey("RINGRIFT_CLUSTER_AUTH_TOKEN_FILE");
  }

  @Test
  void passwordsOfRolesAndKafkaSettingsAreReadToo() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "admin-pw\r\n");
    Path b = Files.writeString(dir.resolve("b"), "trust-pw");
    Map<String, String> env =
        SecretFiles.resolve(
            Map.of(
                "RINGRIFT_CLUSTER_AUTH_TOKEN_ADMIN_FILE", a.toString(),
                "RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE", b.toString()));
    assertThat(env)
        .containsEntry("RINGRIFT_CLUSTER_AUTH_TOKEN_ADMIN", "admin-pw")
        .containsEntry("RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-pw");
  }

  @Test
  void aFileVariableThatIsNoSecretStaysAPath() {
    Map<String, String> env = SecretFiles.resolve(Map.of("RINGRIFT_HTTP_USERS_FILE", "/etc/x"));
    assertThat(env).containsExactly(Map.entry("RINGRIFT_HTTP_USERS_FILE", "/etc/x"));
  }

  @Test
  void bothTheVariableAndItsFileIsAnErrorNamingBoth() throws Exception {
    Path token = Files.writeString(dir.resolve("t"), "x");
    assertThatThrownBy(
            () ->
                SecretFiles.resolve(
                    Map.of(
                        "RINGRIFT_CLUSTER_AUTH_TOKEN",
                        "y",
                        "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE",
                        token.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE: set RINGRIFT_CLUSTER_AUTH_TOKEN or"
                + " RINGRIFT_CLUSTER_AUTH_TOKEN_FILE, not both (the file is the safer one)");
  }

  @Test
  void aMissingFileNamesTheVariableAndTheFile() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(
            () ->
                SecretFiles.resolve(Map.of("RINGRIFT_CLUSTER_AUTH_TOKEN_FILE", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE: cannot read the secret file " + missing);
  }
}
