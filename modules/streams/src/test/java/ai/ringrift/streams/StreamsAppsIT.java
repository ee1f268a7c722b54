package ai.ringrift.streams;

import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.headToHead;
import static ai.ringrift.streams.TestEvents.selfplay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.http.StatusServer;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.promotion.PromotionWhatIf;
import ai.ringrift.streams.promotion.WhatIfReport;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The three apps in one runtime on a real broker; the what-if replay over recorded history. */
@WithKafkaCluster
class StreamsAppsIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void appsShareOneRuntimeAndServeTheirStateAsJson(KafkaCluster cluster) throws Exception {
    try (ServiceRuntime runtime = Cluster.runtime("streams-it");
        StreamsApps apps =
            StreamsApps.start(Cluster.context(cluster, runtime), Cluster.settings());
        KafkaProducer<String, SpecificRecord> producer = Cluster.producer(cluster)) {
      assertThat(apps.apps()).hasSize(3);
      for (int i = 0; i < 3; i++) {
        Cluster.send(producer, failure("square8_4p"));
      }
      Cluster.send(producer, selfplay("square8_4p", 60, Instant.now()));
      Cluster.send(producer, evaluation("square8_4p", "m1", 1600, Instant.now()).build());

      String base = runtime.http().baseUrl() + "/status/";
      JsonNode breaker =
          awaitJson(
              base + "circuits/square8_4p/training", b -> b.get("status").asText().equals("OPEN"));
      assertThat(breaker.get("opens").asInt()).isEqualTo(1);
      assertThat(breaker.get("consecutive_failures").asInt()).isEqualTo(3);
      JsonNode models = awaitJson(base + "models/square8_4p", m -> m.has("production_model_id"));
      assertThat(models.get("production_model_id").asText()).isEqualTo("m1");
      assertThat(
              awaitJson(base + "signals/square8_4p", s -> s.has("urgency")).get("reason").asText())
          .isNotEmpty();
      JsonNode all = awaitJson(base + "circuits", c -> true);
      assertThat(all.get("available").asBoolean()).isTrue();
      assertThat(all.get("circuits").has("square8_4p/training")).isTrue();
      assertThat(circuitTable(cluster, "square8_4p/training").getStatus())
          .isEqualTo(CircuitStatus.OPEN);
    }
  }

  @Test
  void whatIfReplaysTheHistoryWithOtherThresholdsAndWritesNothing(KafkaCluster cluster)
      throws Exception {
    Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
    try (KafkaProducer<String, SpecificRecord> producer = Cluster.producer(cluster)) {
      Cluster.send(producer, evaluation("hexagonal_4p", "w1", 1520, t0).build());
      Cluster.send(
          producer,
          evaluation("hexagonal_4p", "w2", 1560, t0.plusSeconds(600))
              .setHeadToHead(headToHead("w1", 1520, 112, 88, 0))
              .build());
      Cluster.send(
          producer,
          evaluation("hexagonal_4p", "w3", 1600, t0.plusSeconds(1200))
              .setHeadToHead(headToHead("w2", 1560, 112, 88, 0))
              .build());
    }
    Map<TopicPartition, Long> before = endOffsets(cluster);
    StreamsSettings settings = Cluster.settings();
    PromotionWhatIf whatIf =
        PromotionWhatIf.of(
            Driver.CONFIG,
            KafkaSettings.of(cluster.bootstrapServers()),
            cluster.catalog(),
            Driver.SERDES);
    WhatIfReport asLive = whatIf.run(Map.of(), Duration.ofSeconds(60));
    WhatIfReport longerCooldown =
        whatIf.run(Map.of("cooldownSeconds", "900"), Duration.ofSeconds(60));

    assertThat(asLive.promotedModelsByConfig().get("hexagonal_4p"))
        .containsExactly("w1", "w2", "w3");
    assertThat(longerCooldown.promotedModelsByConfig().get("hexagonal_4p")).containsExactly("w1");
    assertThat(longerCooldown.decisions())
        .filteredOn(d -> d.config().equals("hexagonal_4p") && !d.promoted())
        .extracting(WhatIfReport.Decision::gate)
        .containsExactly("cooldown", "head_to_head");
    assertThat(longerCooldown.evaluationsReplayed()).isGreaterThanOrEqualTo(3);
    assertThat(longerCooldown.render()).contains("w1", "PROMOTED", "rejected by cooldown");
    assertThat(endOffsets(cluster)).as("no live topic written").isEqualTo(before);
    Set<String> topics = cluster.admin().listTopics().names().get();
    assertThat(topics).noneMatch(t -> t.startsWith(settings.applications().whatIfPrefix()));
    assertThat(cluster.admin().listGroups().all().get())
        .noneMatch(g -> g.groupId().equals(longerCooldown.applicationId()));
  }

  static TrainingFailed failure(String config) {
    return TrainingFailed.newBuilder()
        .setHeader(TestEvents.header(Instant.now()))
        .setConfig(TestEvents.config(config))
        .setJobId("job")
        .setError("out of memory")
        .build();
  }

  static JsonNode awaitJson(String url, java.util.function.Predicate<JsonNode> until) {
    JsonNode[] body = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              HttpResponse<String> r =
                  HTTP.send(
                      HttpRequest.newBuilder(URI.create(url)).build(),
                      HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
              if (r.statusCode() != 200) {
                return false;
              }
              body[0] = StatusServer.JSON.readTree(r.body());
              boolean available = !body[0].has("available") || body[0].get("available").asBoolean();
              return available && until.test(body[0]);
            });
    return body[0];
  }

  /** The breaker's latest state as a stage reads it: the compacted topic, read_committed. */
  static CircuitState circuitTable(KafkaCluster cluster, String key) {
    CircuitState[] latest = new CircuitState[1];
    try (var reader = Cluster.committedReader(cluster, List.of("ringrift.state.circuits"))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : Cluster.poll(reader)) {
                  if (key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                    latest[0] = Cluster.decode(CircuitState.class, r);
                  }
                }
                return latest[0] != null && latest[0].getStatus() == CircuitStatus.OPEN;
              });
    }
    return latest[0];
  }

  /** End offsets of every topic the controller could write. */
  static Map<TopicPartition, Long> endOffsets(KafkaCluster cluster) {
    List<String> outputs =
        List.of(
            "ringrift.model.promoted",
            "ringrift.promotion.rejected",
            "ringrift.model.rolled-back",
            "ringrift.state.models",
            "ringrift.evaluation.completed.dlq");
    try (var reader = Cluster.committedReader(cluster, outputs)) {
      List<TopicPartition> partitions =
          outputs.stream()
              .flatMap(t -> reader.partitionsFor(t).stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      return Map.copyOf(reader.endOffsets(partitions));
    }
  }
}
