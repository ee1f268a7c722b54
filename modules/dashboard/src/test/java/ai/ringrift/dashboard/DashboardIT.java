package ai.ringrift.dashboard;

import static ai.ringrift.dashboard.LoopEvents.evaluated;
import static ai.ringrift.dashboard.LoopEvents.promoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.http.StatusServer;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on a real broker: what is on the topics (copies included) reaches the page's stream
 * and its queries, counted once.
 */
@WithKafkaCluster
class DashboardIT {
  static ServiceRuntime runtime;
  static Dashboard dashboard;
  static EventRecords records;
  static KafkaProducer<byte[], byte[]> producer;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(KafkaCluster cluster) {
    KafkaSettings kafka = KafkaSettings.fromEnvironment(cluster.environment());
    runtime = ServiceRuntime.start("dashboard-test", RuntimeSettings.ephemeral());
    ServiceContext context = ServiceMain.context(ConfigSource.packaged(), kafka, runtime);
    DashboardSettings settings =
        DashboardSettings.load(ConfigSource.packaged(), Map.of())
            .withStatusUrls(List.of(runtime.http().baseUrl()));
    dashboard = Dashboard.start(context, settings);
    records = new EventRecords(context.catalog(), context.serdes());
    producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    runtime.close();
  }

  @Test
  void eventsWrittenTwiceAreOnePointOnThePageStream() throws Exception {
    List<String> stream = listen();
    SpecificRecord evaluation = evaluated("it-e1", "it-t1", "it-c1", "it-m1", 1612.5, 1);
    SpecificRecord promotion = promoted("it-p1", "it-t1", "it-e1", "it-m1", 1612.5, 2);
    for (int copy = 0; copy < 2; copy++) {
      send(records.of(evaluation));
      send(records.of(promotion));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stream.stream().anyMatch(l -> l.contains("\"model\":\"it-m1\"")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> (Long) dashboard.view().section("overview").get("duplicatesSkipped") >= 2);
    String strength =
        stream.stream().filter(l -> l.contains("\"model\":\"it-m1\"")).reduce((a, b) -> b).get();
    JsonNode points =
        StatusServer.JSON
            .readTree(strength.substring("data: ".length()))
            .path("configs")
            .path("square8_2p")
            .path("points");
    assertThat(points).as(strength).hasSize(1);
    assertThat(points.get(0).path("kind").asText()).isEqualTo("promoted");
    assertThat(get("/dashboard/api/lineage/it-m1").body()).contains("\"outcome\":\"promoted\"");
  }

  @Test
  void anOpenBreakerAndADeadLetterWithItsHeadersReachTheView() throws Exception {
    CircuitState open =
        CircuitState.newBuilder(SampleEvents.of(CircuitState.class, 3))
            .setStage(Stage.EXPORT)
            .setStatus(CircuitStatus.OPEN)
            .setUpdatedAt(Instant.now())
            .setRetryAt(Instant.now().plusSeconds(300))
            .build();
    send(records.of(open));
    ProducerRecord<byte[], byte[]> letter =
        new ProducerRecord<>(
            "ringrift.export.completed.dlq",
            "square8_2p".getBytes(StandardCharsets.UTF_8),
            new byte[] {1, 2, 3});
    letter.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("ringrift.export.completed"));
    letter.headers().add(DeadLetterHeaders.ORIGINAL_PARTITION, bytes("4"));
    letter.headers().add(DeadLetterHeaders.ORIGINAL_OFFSET, bytes("99"));
    letter.headers().add(DeadLetterHeaders.EXCEPTION_MESSAGE, bytes("not Avro"));
    letter.headers().add(DeadLetterHeaders.SUBSCRIBER, bytes("ringrift.stage.training"));
    send(letter);
    send(letter); // the same failure dead-lettered again

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                get("/dashboard/api/breakers/square8_2p/export").statusCode() == 200
                    && sectionText("breakers").contains("\"square8_2p/export\":{")
                    && sectionText("breakers").contains("\"status\":\"OPEN\""));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                get("/dashboard/api/dead-letters/ringrift.export.completed.dlq")
                    .body()
                    .contains("not Avro"));
    String letters = get("/dashboard/api/dead-letters/ringrift.export.completed.dlq").body();
    assertThat(letters)
        .contains("\"ringrift.dlq.original-offset\":\"99\"")
        .contains("3 bytes that are not a NpzExportCompleted");
    assertThat(letters.split("\"offset\"", -1)).as("one dead letter").hasSize(2);
  }

  @Test
  void thePageAndUplotAreServedFromTheJarAndUnknownThingsAreNamed() throws Exception {
    HttpResponse<String> page = get("/dashboard/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"uPlot.iife.min.js\"></script>");
    HttpResponse<String> uplot = get("/dashboard/uPlot.iife.min.js");
    assertThat(uplot.statusCode()).isEqualTo(200);
    assertThat(uplot.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(uplot.body()).contains("uPlot");
    HttpResponse<String> unknown = get("/dashboard/api/lineage/no-such-model");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no event names model no-such-model");
    assertThat(get("/dashboard/api/dead-letters/ringrift.nothing").statusCode()).isEqualTo(404);
  }

  private static String sectionText(String name) throws IOException {
    return StatusServer.JSON.writeValueAsString(dashboard.view().section(name));
  }

  private static void send(ProducerRecord<byte[], byte[]> record) throws Exception {
    producer.send(record).get();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(runtime.http().baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> listen() throws IOException, InterruptedException {
    var body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(runtime.http().baseUrl() + "/dashboard/events"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream())
            .body();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the stream ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
