package ai.ringrift.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.settings.RegistrySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry behind HTTP basic auth, as Confluent's with a password file. */
class RegistryBasicAuthIT {
  static KafkaClusterTestKit kafka;
  static EmbeddedSchemaRegistry registry;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    kafka = TestCluster.start();
    registry =
        EmbeddedSchemaRegistry.start(
            RegistrySettings.of(kafka.bootstrapServers())
                .withBasicAuth(Map.of("trainer", "trainer-pw", "admin", "admin-pw")));
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    kafka.close();
  }

  @Test
  void refusesARequestWithoutCredentialsWithAChallenge() throws Exception {
    HttpResponse<String> answer = send("/config", null);
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"SchemaRegistry\""));
  }

  @Test
  void refusesAWrongPasswordAndAnUnknownUser() throws Exception {
    assertThat(send("/config", "trainer:admin-pw").statusCode()).isEqualTo(401);
    assertThat(send("/config", "nobody:trainer-pw").statusCode()).isEqualTo(401);
  }

  @Test
  void servesAKnownUserAndKeepsItsSettingsSecret() throws Exception {
    HttpResponse<String> answer = send("/config", "trainer:trainer-pw");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(send("/subjects", "admin:admin-pw").statusCode()).isEqualTo(200);
    assertThat(RegistrySettings.of("k:9092").withBasicAuth(Map.of("u", "hidden-pw")).toString())
        .contains("users=[u]")
        .doesNotContain("hidden-pw");
  }

  private static HttpResponse<String> send(String path, String userInfo) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path));
    if (userInfo != null) {
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
