package ai.ringrift.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.http.BasicAuthFilter;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.testkit.LogCapture;
import ai.ringrift.testkit.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status endpoint with security on, over real HTTPS with keys from {@code scripts/make-certs}:
 * who may read what, and what is refused (and logged). Passwords are made up for this test.
 */
class StatusSecurityTest {
  @TempDir static Path dir;
  static TestCertificates certs;
  static HttpClient trusting;

  ServiceRuntime runtime;

  @BeforeAll
  static void certificates() {
    certs = TestCertificates.make(dir.resolve("certs"), "status");
    trusting = HttpClient.newBuilder().sslContext(certs.trustStore().clientContext()).build();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /** The environment of a service logging in as stages, as the compose cluster will give it. */
  Map<String, String> environment() throws Exception {
    Path token = Files.writeString(dir.resolve("stages-token"), "stages-pw\n");
    Path storePassword = dir.resolve("certs/store-password");
    Path users = Files.writeString(dir.resolve("http-users"), "prometheus: scrape-pw,metrics\n");
    return Map.of(
        "RINGRIFT_KAFKA_USERNAME", "stages",
        "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE", token.toString(),
        "RINGRIFT_CLUSTER_AUTH_TOKEN_ADMIN", "admin-pw",
        "RINGRIFT_HTTP_USERS_FILE", users.toString(),
        "RINGRIFT_HTTP_SSL_KEYSTORE_LOCATION", certs.keyStore("status").location().toString(),
        "RINGRIFT_HTTP_SSL_KEYSTORE_PASSWORD_FILE", storePassword.toString());
  }

  String start() throws Exception {
    runtime =
        ServiceRuntime.start(
            "stage-test",
            RuntimeSettings.ephemeral(),
            StatusSecurity.fromEnvironment(environment()));
    runtime.http().view("jobs", () -> Map.of("running", 1));
    runtime
        .http()
        .route(
            "/dashboard", exchange -> new StatusServer.Response(200, "text/html", "<h1>loop</h1>"));
    return "https://localhost:" + runtime.http().port();
  }

  HttpResponse<String> get(String url, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return trusting.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theStatusEndpointWithoutCredentialsIsRefusedAndLogged() throws Exception {
    String base = start();
    assertThat(runtime.http().baseUrl()).startsWith("https://");
    try (LogCapture log = LogCapture.of(BasicAuthFilter.class)) {
      HttpResponse<String> answer = get(base + "/status/jobs", null, null);
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"RingRift status\""));
      assertThat(answer.body()).doesNotContain("running");
      assertThat(get(base + "/metrics", null, null).statusCode()).isEqualTo(401);
      assertThat(get(base + "/dashboard", null, null).statusCode()).isEqualTo(401);
      assertThat(log.contains("status=401", "path=/status/jobs", "reason=no credentials"))
          .as(log.lines().toString())
          .isTrue();
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndLoggedWithTheUserButNotThePassword() throws Exception {
    String base = start();
    try (LogCapture log = LogCapture.of(BasicAuthFilter.class)) {
      assertThat(get(base + "/status/jobs", "stages", "guessed").statusCode()).isEqualTo(401);
      assertThat(log.contains("user=stages", "reason=unknown user or wrong password")).isTrue();
      assertThat(log.lines()).noneMatch(line -> line.contains("guessed"));
    }
  }

  @Test
  void theSameScramUsersReadStatusMetricsAndTheDashboard() throws Exception {
    String base = start();
    // its own user, its password from a secret file, and another role's
    // RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>
    for (String[] user : new String[][] {{"stages", "stages-pw"}, {"admin", "admin-pw"}}) {
      HttpResponse<String> status = get(base + "/status/jobs", user[0], user[1]);
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).contains("\"running\" : 1");
      assertThat(get(base + "/metrics", user[0], user[1]).statusCode()).isEqualTo(200);
      assertThat(get(base + "/dashboard", user[0], user[1]).body()).isEqualTo("<h1>loop</h1>");
    }
  }

  @Test
  void theReadOnlyMetricsRoleReadsMetricsAndNothingElse() throws Exception {
    String base = start();
    try (LogCapture log = LogCapture.of(BasicAuthFilter.class)) {
      assertThat(get(base + "/metrics", "prometheus", "scrape-pw").statusCode()).isEqualTo(200);
      assertThat(get(base + "/status/jobs", "prometheus", "scrape-pw").statusCode()).isEqualTo(403);
      assertThat(get(base + "/dashboard", "prometheus", "scrape-pw").statusCode()).isEqualTo(403);
      assertThat(log.contains("status=403", "user=prometheus", "may not read /status")).isTrue();
    }
  }

  @Test
  void healthStaysOpenForContainerHealthChecks() throws Exception {
    String base = start();
    HttpResponse<String> health = get(base + "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"healthy\":true");
  }

  @Test
  void aClientThatDoesNotTrustTheCaRefusesTheCertificateChain() throws Exception {
    String base = start();
    HttpClient jdkDefaults = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                jdkDefaults.send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void withoutUsersOrKeyStoreTheEndpointStaysOpenPlainHttpAsForUpOnLoopback() throws Exception {
    StatusSecurity open = StatusSecurity.fromEnvironment(Map.of());
    assertThat(open.authenticates()).isFalse();
    runtime = ServiceRuntime.start("open-test", RuntimeSettings.ephemeral(), open);
    runtime.http().view("jobs", () -> Map.of("running", 1));
    assertThat(runtime.http().baseUrl()).startsWith("http://");
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(runtime.http().baseUrl() + "/status/jobs"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
  }
}
