package ai.ringrift.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.settings.RegistrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change the API makes is a record on the schemas topic in Confluent's format (the bytes
 * StoreRecordsTest holds against Confluent's), so the state lives in the topic: a restarted
 * registry and a second instance read the same subjects, deletions, configs and modes.
 */
class SchemasTopicIT {
  static final AtomicInteger TOPICS = new AtomicInteger();
  static KafkaClusterTestKit kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = TestCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    kafka.close();
  }

  static RegistrySettings fresh() {
    return RegistrySettings.of(kafka.bootstrapServers())
        .withTopic("_schemas_topic_" + TOPICS.incrementAndGet());
  }

  @Test
  void everyChangeIsAConfluentRecordOnTheTopic() throws Exception {
    RegistrySettings settings = fresh();
    String v1 = new Schema.Parser().parse(Schemas.V1).toString();
    String quoted = Http.JSON.writeValueAsString(v1);
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(settings)) {
      String url = registry.url();
      Http.post(url + "/subjects/t/versions", Http.schemaBody(Schemas.V1));
      Http.put(url + "/config/t", "{\"compatibility\":\"FULL\"}");
      Http.put(url + "/mode/t", "{\"mode\":\"READONLY\"}");
      Http.delete(url + "/mode/t");
      Http.delete(url + "/subjects/t");
      Http.delete(url + "/subjects/t?permanent=true");
      Http.put(url + "/mode/imp", "{\"mode\":\"IMPORT\"}");
      Http.put(url + "/config", "{\"compatibility\":\"NONE\"}");
    }

    assertThat(records(settings.topic()))
        .containsExactly(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"t\",\"version\":1,\"magic\":1} -> "
                + "{\"subject\":\"t\",\"version\":1,\"id\":1,\"schema\":"
                + quoted
                + ",\"deleted\":false}",
            "{\"keytype\":\"CONFIG\",\"subject\":\"t\",\"magic\":0} -> "
                + "{\"subject\":\"t\",\"compatibilityLevel\":\"FULL\"}",
            "{\"keytype\":\"MODE\",\"subject\":\"t\",\"magic\":0} -> "
                + "{\"subject\":\"t\",\"mode\":\"READONLY\"}",
            "{\"keytype\":\"MODE\",\"subject\":\"t\",\"magic\":0} -> null",
            "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"t\",\"magic\":0} -> "
                + "{\"subject\":\"t\",\"version\":1}",
            "{\"keytype\":\"CONFIG\",\"subject\":\"t\",\"magic\":0} -> null",
            "{\"keytype\":\"SCHEMA\",\"subject\":\"t\",\"version\":1,\"magic\":1} -> null",
            "{\"keytype\":\"CLEAR_SUBJECT\",\"subject\":\"imp\",\"magic\":0} -> {\"subject\":\"imp\"}",
            "{\"keytype\":\"MODE\",\"subject\":\"imp\",\"magic\":0} -> "
                + "{\"subject\":\"imp\",\"mode\":\"IMPORT\"}",
            "{\"keytype\":\"CONFIG\",\"magic\":0} -> {\"compatibilityLevel\":\"NONE\"}");
  }

  @Test
  void aRestartedRegistryAndASecondInstanceAgreeOnDeletionsModesAndConfigs() throws Exception {
    RegistrySettings settings = fresh();
    try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(settings);
        EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(settings)) {
      String a = first.url();
      Http.post(a + "/subjects/gone/versions", Http.schemaBody(Schemas.V1));
      Http.post(a + "/subjects/kept/versions", Http.schemaBody(Schemas.thing("Kept")));
      Http.post(
          a + "/subjects/kept/versions",
          Http.schemaBody(
              Schemas.thing("Kept", "{\"name\":\"n\",\"type\":\"int\",\"default\":0}")));
      Http.delete(a + "/subjects/kept/versions/1");
      Http.delete(a + "/subjects/gone");
      Http.put(a + "/config/kept", "{\"compatibility\":\"FULL\"}");
      Http.put(a + "/mode/kept", "{\"mode\":\"READONLY\"}");

      assertAgreedState(second.url());
      // the second instance refuses what the first made read-only
      assertThat(
              Http.post(
                      second.url() + "/subjects/kept/versions",
                      Http.schemaBody(Schemas.thing("Kept2")))
                  .errorCode())
          .isEqualTo(42205);
    }
    try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(settings)) {
      assertAgreedState(restarted.url());
    }
  }

  private static void assertAgreedState(String url) throws Exception {
    assertThat(Http.get(url + "/subjects").text()).isEqualTo("[\"kept\"]");
    assertThat(Http.get(url + "/subjects?deleted=true").text()).isEqualTo("[\"gone\",\"kept\"]");
    assertThat(Http.get(url + "/subjects/kept/versions").text()).isEqualTo("[2]");
    assertThat(Http.get(url + "/subjects/kept/versions?deleted=true").text()).isEqualTo("[1,2]");
    assertThat(Http.get(url + "/mode/kept").text()).isEqualTo("{\"mode\":\"READONLY\"}");
    assertThat(Http.get(url + "/config/kept").text())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(Http.get(url + "/schemas/ids/1").status()).isEqualTo(200);
  }

  /** Every record of {@code topic} as "key -> value". */
  private static List<String> records(String topic) {
    TopicPartition tp = new TopicPartition(topic, 0);
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                "bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<String> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          records.add(r.key() + " -> " + r.value());
        }
      }
      return records;
    }
  }
}
