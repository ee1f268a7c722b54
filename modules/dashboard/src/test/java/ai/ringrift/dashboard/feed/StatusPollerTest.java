package ai.ringrift.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusPollerTest {
  @Test
  void logsInAsThisProcesssOwnUserWhenSecurityIsOn() {
    assertThat(
            StatusPoller.authorization(
                KafkaSettings.fromEnvironment(
                    Map.of(
                        "RINGRIFT_KAFKA_USERNAME", "admin",
                        "RINGRIFT_CLUSTER_AUTH_TOKEN", "s3:cret"))))
        .contains(basic("admin:s3:cret"));
  }

  @Test
  void readsThePasswordFromItsFileAsEveryService(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "from-file");

    assertThat(
            StatusPoller.authorization(
                KafkaSettings.fromEnvironment(
                    Map.of(
                        "RINGRIFT_KAFKA_USERNAME",
                        "admin",
                        "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE",
                        token.toString()))))
        .contains(basic("admin:from-file"));
  }

  @Test
  void sendsNoLoginWithoutAUser() {
    assertThat(StatusPoller.authorization(KafkaSettings.fromEnvironment(Map.of()))).isEmpty();
  }

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
