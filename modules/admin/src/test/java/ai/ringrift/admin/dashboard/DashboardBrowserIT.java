package ai.ringrift.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import ai.ringrift.admin.up.EmbeddedLoop;
import ai.ringrift.admin.up.EmbeddedLoopSettings;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.NpzExportFailed;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.http.StatusServer;
import ai.ringrift.testkit.SampleEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against the platform as {@code ringrift up} runs it:
 * broker, schema registry, Streams apps, stage services and simulated selfplay on one machine.
 */
class DashboardBrowserIT {
  static final String CONFIG = "square8_2p";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static EmbeddedPlatform platform;
  static EmbeddedLoop loop;
  static KafkaSettings kafka;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.requireInstalled(); // before the platform starts: a skip costs nothing
    platform =
        EmbeddedPlatform.start(
            new EmbeddedPlatformSettings(dir.resolve("var"), "localhost", 0, 0, true, null, 0),
            line -> {});
    EmbeddedLoopSettings settings =
        EmbeddedLoopSettings.load(platform.config()).withConfigs(List.of(CONFIG));
    ConfigSource paced = settings.paced(platform.config());
    kafka =
        KafkaSettings.of(platform.bootstrapServers()).withSchemaRegistry(platform.registryUrl());
    loop =
        EmbeddedLoop.start(
            paced,
            kafka,
            dir.resolve("var"),
            settings,
            new RuntimeSettings("localhost", 0, false, "ringrift"),
            line -> {});
    browser = Browser.open(dir.resolve("chromium-profile"));
    browser.driver().get(loop.dashboard().url());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (loop != null) {
      loop.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void theEloChartHasAPointForEveryPromotionTheModelRegistryHolds() {
    List<String> promoted = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(5))
        .until(
            () -> {
              promoted.clear();
              promoted.addAll(registryPromotions());
              return promoted.size() >= 2;
            });

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(chartPromotions()).containsAll(registryPromotions()));
    assertThat(browser.driver().findElements(By.cssSelector("#config-" + CONFIG + " canvas")))
        .isNotEmpty();
    assertThat(
            browser
                .driver()
                .findElements(
                    By.cssSelector(
                        "#config-" + CONFIG + " table.decisions tr[data-kind=promoted]")))
        .as("the decisions under the chart")
        .isNotEmpty();
  }

  @Test
  void aBreakerOpenedByFailingRunsTurnsItsCellOpenWithinTwoSeconds() throws Exception {
    String config = "hex8_3p"; // not played, so only these failures count
    try (EventPublisher publisher =
        EventPublisher.builder()
            .source("dashboard-test")
            .kafka(kafka)
            .config(platform.config())
            .catalog(platform.catalog())
            .build()) {
      for (int run = 0; run < 3; run++) {
        publisher.publishSync(
            NpzExportFailed.newBuilder(
                    SampleEvents.of(NpzExportFailed.class, ConfigKeys.parse(config), run))
                .setHeader(publisher.newHeader())
                .setError("export run " + run + " failed")
                .build());
      }
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "OPEN".equals(breakerStatus(config + "/export")));

    long reported = System.currentTimeMillis();
    // the page stamps a cell with the time it changed on screen: the 2 s are measured by the
    // page's clock (the same machine's), not by how fast WebDriver can ask on a loaded machine
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "OPEN".equals(cellStatus(config + "/export")));
    long shown =
        Long.parseLong(
            (String)
                browser.js(
                    "return document.querySelector(arguments[0]).dataset.shownAt;",
                    cellCss(config + "/export")));
    assertThat(shown - reported)
        .as(
            "ms from the circuit breakers reporting OPEN to the cell showing it (load average %s);"
                + " the dashboard's own view: %s",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            StatusServer.JSON.writeValueAsString(
                loop.dashboard().view().section("breakers").get("cells")))
        .isLessThanOrEqualTo(2000);
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(cell(config + "/export").getText())
                    .contains("OPEN")
                    .contains("probe in"));
    click(cellSelector(config + "/export"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                text("#breaker-history").contains("CLOSED")
                    && text("#breaker-history").contains("OPEN"));
  }

  @Test
  void aDeadLetterAppearsWithItsErrorHeaders() throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "ringrift.evaluation.failed",
                  CONFIG.getBytes(StandardCharsets.UTF_8),
                  "not an event".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    String dlq = "ringrift.evaluation.failed.dlq";

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !browser.driver().findElements(dlqRow(dlq)).isEmpty());
    click(dlqRow(dlq));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> text("#dlq-records").contains("ringrift.dlq.exception-message"));
    assertThat(text("#dlq-records"))
        .contains("ringrift.dlq.original-topic")
        .contains("ringrift.evaluation.failed")
        .contains("ringrift.dlq.subscriber")
        .contains("12 bytes that are not a EvaluationFailed");
  }

  @Test
  void thePageKeepsUpdatingAfterItsStreamIsDroppedAndAfterAReload() {
    await().atMost(Duration.ofSeconds(30)).until(() -> loop.dashboard().viewers() >= 1);
    long before = lastSeq();

    loop.dashboard().disconnectViewers();
    await().atMost(Duration.ofSeconds(30)).until(() -> loop.dashboard().viewers() >= 1);
    long reconnected = lastSeq();
    await().atMost(Duration.ofSeconds(60)).until(() -> lastSeq() > Math.max(before, reconnected));
    assertThat(text("#connection")).isEqualTo("live");

    browser.driver().navigate().refresh();
    await().atMost(Duration.ofSeconds(30)).until(() -> lastSeq() > 0);
    long reloaded = lastSeq();
    await().atMost(Duration.ofSeconds(60)).until(() -> lastSeq() > reloaded);
    assertThat(text("#connection")).isEqualTo("live");
  }

  /** Models the promotion controller's registry says became production at some point. */
  private static List<String> registryPromotions() throws Exception {
    JsonNode registry = status("/status/models/" + CONFIG);
    List<String> models = new ArrayList<>();
    if (registry != null) {
      registry
          .path("models")
          .forEach(
              m -> {
                if (!m.path("promoted_at_ms").isNull()
                    && !m.path("promoted_at_ms").isMissingNode()) {
                  models.add(m.path("model_id").asText());
                }
              });
    }
    return models;
  }

  /** The models of the points the page gave the chart's "promoted" series. */
  @SuppressWarnings("unchecked")
  private static List<String> chartPromotions() {
    return (List<String>)
        browser.js(
            "const u = window.ringrift.charts[arguments[0]];"
                + "if (!u) return [];"
                + "return u.data[2].flatMap((y, i) => y === null ? [] : [u.ringriftPoints[2][i].model]);",
            CONFIG);
  }

  /** The breaker's state as the circuit breakers app itself answers (its interactive query). */
  private static String breakerStatus(String key) throws Exception {
    JsonNode breaker = status("/status/circuits/" + key);
    return breaker == null ? null : breaker.path("status").asText();
  }

  private static JsonNode status(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(loop.statusUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? StatusServer.JSON.readTree(response.body()) : null;
  }

  /**
   * The cell's status, found and read in one script: the page re-renders the grid, so an element
   * found by one WebDriver call can be gone (stale) by the next.
   */
  private static String cellStatus(String key) {
    return (String)
        browser.js(
            "const c = document.querySelector(arguments[0]); return c ? c.dataset.status : null;",
            cellCss(key));
  }

  private static WebElement cell(String key) {
    return browser.driver().findElement(cellSelector(key));
  }

  private static By cellSelector(String key) {
    return By.cssSelector(cellCss(key));
  }

  private static String cellCss(String key) {
    return "#breaker-grid td[data-key='" + key + "']";
  }

  private static By dlqRow(String dlq) {
    return By.cssSelector("#dlq-table tr[data-dlq='" + dlq + "']");
  }

  /** Clicks what {@code by} finds; the page re-renders tables as data arrives, so it retries. */
  private static void click(By by) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              WebElement element = browser.driver().findElement(by);
              // below the sticky header, where a click lands on the element itself
              browser.js("arguments[0].scrollIntoView({block: 'center'});", element);
              element.click();
              return true;
            });
  }

  private static String text(String selector) {
    return browser.driver().findElement(By.cssSelector(selector)).getText();
  }

  private static long lastSeq() {
    Object seq = browser.js("return window.ringrift ? window.ringrift.state.lastSeq : 0;");
    return seq instanceof Number n ? n.longValue() : 0;
  }
}
