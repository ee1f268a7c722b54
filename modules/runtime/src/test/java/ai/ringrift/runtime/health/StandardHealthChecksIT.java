package ai.ringrift.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.StandardHealthChecks;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** /health and /metrics scraped over HTTP with the standard checks against a real broker. */
@WithKafkaCluster(applyCatalog = false)
class StandardHealthChecksIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HealthSettings CONFIGURED =
      HealthSettings.load(ConfigSource.directory(Path.of("../../config")));

  @Test
  void healthTurnsUnhealthyWhenAGroupLagsOrARoleIsLostAndMetricsAreServed(KafkaCluster cluster)
      throws Exception {
    assertThat(CONFIGURED.maxConsumerLag()).isEqualTo(10_000);
    String topic = cluster.newTopic("lagging", 1);
    String group = "ringrift.stage.health-it";
    commit(cluster, group, topic, 0);
    AtomicBoolean leader = new AtomicBoolean(true);
    try (ServiceRuntime runtime = ServiceRuntime.start("health-it", RuntimeSettings.ephemeral())) {
      KafkaSettings kafka = KafkaSettings.fromEnvironment(cluster.environment());
      StandardHealthChecks.register(
              runtime, kafka, wire(kafka), new HealthSettings(CONFIGURED.timeoutMs(), 5))
          .consumerLag(group)
          .roleHeld("BANDWIDTH_ALLOCATOR", leader::get);
      runtime.metrics().counter("ringrift.publisher.published.TrainingCompleted").inc(2);

      JsonNode healthy = health(runtime, 200);
      assertThat(healthy.at("/checks/kafka.broker/message").asText())
          .isEqualTo("1 brokers at " + cluster.bootstrapServers());
      assertThat(healthy.at("/checks/schema-registry/message").asText())
          .isEqualTo(
              "schema registry at " + cluster.registryUrl() + " answers (compatibility BACKWARD)");
      assertThat(healthy.at("/checks/consumer-lag." + group + "/message").asText())
          .isEqualTo("group " + group + " is 0 records behind (most behind: " + topic + "-0 by 0)");
      assertThat(healthy.at("/checks/role.BANDWIDTH_ALLOCATOR/healthy").asBoolean()).isTrue();

      produce(cluster, topic, 8);
      leader.set(false);
      JsonNode sick = health(runtime, 503);
      assertThat(sick.at("/healthy").asBoolean()).isFalse();
      assertThat(sick.at("/checks/consumer-lag." + group + "/message").asText())
          .isEqualTo(
              "group "
                  + group
                  + " is 8 records behind, more than 5 (most behind: "
                  + topic
                  + "-0 by 8)");
      assertThat(sick.at("/checks/role.BANDWIDTH_ALLOCATOR/message").asText())
          .startsWith("expected to hold role BANDWIDTH_ALLOCATOR but does not");
      assertThat(sick.at("/checks/kafka.broker/healthy").asBoolean()).isTrue();

      commit(cluster, group, topic, 8);
      leader.set(true);
      health(runtime, 200);

      HttpResponse<String> metrics = get(runtime, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains(
              "# TYPE ringrift_publisher_published_total counter\n"
                  + "ringrift_publisher_published_total{type=\"TrainingCompleted\"} 2.0\n");
    }
  }

  @Test
  void anUnreachableBrokerOrRegistryIsUnhealthyWithinTheTimeout() throws Exception {
    try (ServiceRuntime runtime = ServiceRuntime.start("down-it", RuntimeSettings.ephemeral())) {
      KafkaSettings kafka =
          KafkaSettings.of("localhost:1").withSchemaRegistry("http://localhost:1");
      StandardHealthChecks.register(runtime, kafka, wire(kafka), new HealthSettings(1000, 10));
      JsonNode sick = health(runtime, 503);
      assertThat(sick.at("/checks/kafka.broker/message").asText())
          .startsWith("no answer from Kafka at localhost:1 within 1000 ms");
      assertThat(sick.at("/checks/schema-registry/message").asText())
          .startsWith("schema registry at http://localhost:1: ");
    }
  }

  private static WireSettings wire(KafkaSettings kafka) {
    return WireSettings.resolve(kafka, ConfigSource.directory(Path.of("../../config")), Map.of());
  }

  private static JsonNode health(ServiceRuntime runtime, int status) {
    JsonNode[] body = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> answer = get(runtime, "/health");
              assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
              body[0] = JSON.readTree(answer.body());
            });
    return body[0];
  }

  private static HttpResponse<String> get(ServiceRuntime runtime, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(runtime.http().baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void commit(KafkaCluster cluster, String group, String topic, long offset)
      throws Exception {
    cluster
        .admin()
        .alterConsumerGroupOffsets(
            group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
        .all()
        .get();
  }

  private static void produce(KafkaCluster cluster, String topic, int count) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i)).get();
      }
    }
  }
}
