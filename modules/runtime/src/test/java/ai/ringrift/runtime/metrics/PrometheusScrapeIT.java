package ai.ringrift.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real scrape of a running service's {@code /metrics}, with a publisher that sent events through
 * a real broker, passes Prometheus' own linter ({@code promtool check metrics}, Debian's prometheus
 * package, which .ci/run installs) and carries our metrics as labelled families, the JVM's, and the
 * Kafka producer's own.
 */
@WithKafkaCluster
class PrometheusScrapeIT {
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @Test
  void aScrapeOfARunningServicePassesPromtoolAndHasJvmAndKafkaClientMetrics(KafkaCluster cluster)
      throws Exception {
    ConfigSource config = ConfigSource.directory(Path.of("../../config"));
    try (ServiceRuntime runtime = ServiceRuntime.start("scrape-it", RuntimeSettings.ephemeral())) {
      ServiceContext context =
          ServiceMain.context(
              config, KafkaSettings.fromEnvironment(cluster.environment()), runtime);
      try (EventPublisher publisher =
          EventPublisher.builder()
              .source("scrape-it")
              .kafka(context.kafka())
              .catalog(context.catalog())
              .serdes(context.serdes())
              .metrics(runtime.metrics())
              .build()) {
        for (int i = 0; i < 3; i++) {
          TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, i);
          event.put("header", null);
          publisher.publishSync(event);
        }
        String scrape = scrape(runtime);

        assertThat(scrape)
            .contains("ringrift_publisher_published_total{type=\"TrainingCompleted\"} 3.0\n")
            .contains("# TYPE jvm_memory_used_bytes gauge\n")
            .containsPattern(
                "kafka_producer_record_send_total\\{client_id=\"ringrift-publisher-scrape-it[^\"]*\"\\}"
                    + " 3.0\n")
            .doesNotContain("TrainingCompleted_total");
        Promtool lint = promtool(scrape);
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).isEmpty();
      }
    }
  }

  record Promtool(int exitCode, String output) {}

  private static Promtool promtool(String scrape) throws IOException, InterruptedException {
    assertThat(PROMTOOL)
        .as("promtool (apt-get install --no-install-recommends prometheus; .ci/run does)")
        .exists();
    Process process =
        new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try (var in = process.getOutputStream()) {
      in.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish within 60 s");
    }
    return new Promtool(process.exitValue(), output.join());
  }

  private static String scrape(ServiceRuntime runtime) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(runtime.http().baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
