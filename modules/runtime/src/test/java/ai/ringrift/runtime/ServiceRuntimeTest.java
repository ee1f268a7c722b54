package ai.ringrift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import com.codahale.metrics.health.HealthCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceRuntimeTest {
  final HttpClient http = HttpClient.newHttpClient();
  final ServiceRuntime runtime = ServiceRuntime.start("test-service", RuntimeSettings.ephemeral());

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void servesComponentStateAsJson() throws Exception {
    runtime
        .http()
        .view(
            "signals", () -> Map.of("square8_2p", Map.of("urgency", "HIGH", "at", Instant.EPOCH)));
    runtime
        .http()
        .view("models", key -> key.equals("hex8_2p") ? Map.of("production", "m-7") : null);

    HttpResponse<String> signals = get("/status/signals");
    assertThat(signals.statusCode()).isEqualTo(200);
    assertThat(signals.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(signals.body()).contains("\"urgency\" : \"HIGH\"").contains("1970-01-01T00:00:00Z");

    assertThat(get("/status/models/hex8_2p").body()).contains("m-7");
    assertThat(get("/status/models/square8_2p").statusCode()).isEqualTo(404);
    assertThat(get("/status/nothing").statusCode()).isEqualTo(404);
    assertThat(get("/status").body()).contains("signals", "models");
  }

  @Test
  void aServerOnEveryInterfaceGivesALocalhostUrlThatAnswers() throws Exception {
    try (ServiceRuntime everywhere =
        ServiceRuntime.start("test-service", new RuntimeSettings("0.0.0.0", 0, false, "test"))) {
      String base = everywhere.http().baseUrl();

      assertThat(base).isEqualTo("http://localhost:" + everywhere.http().port());
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void servesMetricsInPrometheusTextWithLabelsAndJvmMetrics() throws Exception {
    runtime.metrics().counter("ringrift.publisher.published.TrainingCompleted").inc(3);
    runtime.metrics().counter("ringrift.publisher.published.ModelPromoted").inc();
    runtime.metrics().timer("ringrift.stage.export.action").update(Duration.ofMillis(250));
    runtime.metrics().gauge("streams.signal-computer.state", () -> () -> "RUNNING");

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body())
        .contains("# TYPE ringrift_publisher_published_total counter\n")
        .contains("ringrift_publisher_published_total{type=\"ModelPromoted\"} 1.0\n")
        .contains("ringrift_publisher_published_total{type=\"TrainingCompleted\"} 3.0\n")
        .contains("ringrift_stage_action_seconds{stage=\"export\",quantile=\"0.5\"} 0.25\n")
        .contains("ringrift_stage_action_seconds_count{stage=\"export\"} 1\n")
        .contains("ringrift_streams_state_info{app=\"signal-computer\",value=\"RUNNING\"} 1\n")
        .contains("# TYPE jvm_memory_used_bytes gauge\n");
  }

  @Test
  void healthIs503WhenACheckFails() throws Exception {
    AtomicBoolean brokerUp = new AtomicBoolean(true);
    runtime
        .health()
        .register(
            "broker",
            new HealthCheck() {
              @Override
              protected Result check() {
                return brokerUp.get()
                    ? Result.healthy("reachable")
                    : Result.unhealthy("no broker at localhost:9092");
              }
            });
    assertThat(get("/health").statusCode()).isEqualTo(200);
    brokerUp.set(false);
    HttpResponse<String> sick = get("/health");
    assertThat(sick.statusCode()).isEqualTo(503);
    assertThat(sick.body()).contains("\"healthy\":false").contains("no broker at localhost:9092");
  }

  @Test
  void closesComponentsNewestFirst() {
    List<String> closed = new ArrayList<>();
    runtime.manage(() -> closed.add("consumer"));
    runtime.manage(() -> closed.add("producer"));
    runtime.close();
    assertThat(closed).containsExactly("producer", "consumer");
  }

  @Test
  void saysWhichPortIsTaken() {
    int port = runtime.http().port();
    assertThatThrownBy(
            () -> ServiceRuntime.start("other", RuntimeSettings.ephemeral().withHttpPort(port)))
        .hasMessageContaining("cannot listen on 127.0.0.1:" + port)
        .hasMessageContaining("RINGRIFT_HTTP_PORT");
  }

  @Test
  void loadsSettingsFromConfigAndEnvironment() {
    ConfigSource config = ConfigSource.directory(Path.of("../../config"));
    assertThat(RuntimeSettings.load(config, Map.of()).httpPort()).isEqualTo(8080);
    assertThat(RuntimeSettings.load(config, Map.of("RINGRIFT_HTTP_PORT", "9999")).httpPort())
        .isEqualTo(9999);
    assertThatThrownBy(() -> RuntimeSettings.load(config, Map.of("RINGRIFT_HTTP_PORT", "http")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("RINGRIFT_HTTP_PORT: must be a port number, was 'http'");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(runtime.http().baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
