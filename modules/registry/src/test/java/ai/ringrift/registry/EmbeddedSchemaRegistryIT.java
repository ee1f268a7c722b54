package ai.ringrift.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.Http.Answer;
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

/** The REST API v1 as Confluent's server answers it, on a real broker. */
class EmbeddedSchemaRegistryIT {
  static final AtomicInteger SUBJECTS = new AtomicInteger();
  static KafkaClusterTestKit kafka;
  static EmbeddedSchemaRegistry registry;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    kafka = TestCluster.start();
    registry = EmbeddedSchemaRegistry.start(RegistrySettings.of(kafka.bootstrapServers()));
    url = registry.url();
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    kafka.close();
  }

  static String subject() {
    return "thing-" + SUBJECTS.incrementAndGet() + "-value";
  }

  @Test
  void registersOnceAndServesConfluentBodies() throws Exception {
    String subject = subject();
    Answer first =
        Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(first.body().fieldNames()).toIterable().containsExactly("id");
    int id = first.body().get("id").asInt();

    Answer again =
        Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));
    assertThat(again.body().get("id").asInt()).isEqualTo(id);
    assertThat(Http.get(url + "/subjects/" + subject + "/versions").body().toString())
        .isEqualTo("[1]");

    String canonical = new Schema.Parser().parse(Schemas.V1).toString();
    Answer version = Http.get(url + "/subjects/" + subject + "/versions/latest");
    assertThat(version.body().toString())
        .isEqualTo(
            Http.JSON
                .createObjectNode()
                .put("subject", subject)
                .put("version", 1)
                .put("id", id)
                .put("schema", canonical)
                .toString());
    assertThat(Http.get(url + "/schemas/ids/" + id).body().toString())
        .isEqualTo(Http.JSON.createObjectNode().put("schema", canonical).toString());
    Answer lookup = Http.post(url + "/subjects/" + subject, Http.schemaBody(Schemas.V1));
    assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
    assertThat(lookup.body().get("id").asInt()).isEqualTo(id);
    assertThat(Http.get(url + "/subjects").body().toString()).contains("\"" + subject + "\"");
  }

  @Test
  void sameSchemaInAnotherSubjectKeepsItsGlobalId() throws Exception {
    String schema = Schemas.thing("Shared");
    int a =
        Http.post(url + "/subjects/" + subject() + "/versions", Http.schemaBody(schema))
            .body()
            .get("id")
            .asInt();
    int b =
        Http.post(url + "/subjects/" + subject() + "/versions", Http.schemaBody(schema))
            .body()
            .get("id")
            .asInt();
    int other =
        Http.post(url + "/subjects/" + subject() + "/versions", Http.schemaBody(Schemas.thing("X")))
            .body()
            .get("id")
            .asInt();
    assertThat(b).isEqualTo(a);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void rejectsAnIncompatibleSchemaWith409NamingTheField() throws Exception {
    String subject = subject();
    Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));

    Answer rejected =
        Http.post(
            url + "/subjects/" + subject + "/versions",
            Http.schemaBody(Schemas.V2_WITHOUT_DEFAULT));

    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.errorCode()).isEqualTo(40901);
    assertThat(rejected.body().fieldNames()).toIterable().containsExactly("error_code", "message");
    assertThat(rejected.body().get("message").asText())
        .contains("incompatible with an earlier schema for subject \"" + subject + "\"")
        .contains("field 'score'")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    Answer accepted =
        Http.post(
            url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V2_WITH_DEFAULT));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(Http.get(url + "/subjects/" + subject + "/versions").body().toString())
        .isEqualTo("[1,2]");
  }

  @Test
  void testsCompatibilityWithoutRegistering() throws Exception {
    String subject = subject();
    Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));
    String check = url + "/compatibility/subjects/" + subject + "/versions/latest";

    assertThat(Http.post(check, Http.schemaBody(Schemas.V2_WITH_DEFAULT)).body().toString())
        .isEqualTo("{\"is_compatible\":true}");
    assertThat(Http.post(check, Http.schemaBody(Schemas.V2_WITHOUT_DEFAULT)).body().toString())
        .isEqualTo("{\"is_compatible\":false}");
    Answer verbose =
        Http.post(check + "?verbose=true", Http.schemaBody(Schemas.V2_WITHOUT_DEFAULT));
    assertThat(verbose.body().get("messages").get(0).asText()).contains("field 'score'");
    assertThat(Http.get(url + "/subjects/" + subject + "/versions").body().toString())
        .isEqualTo("[1]");
  }

  @Test
  void perSubjectLevelOverridesTheGlobalOne() throws Exception {
    String subject = subject();
    assertThat(Http.get(url + "/config").body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    Answer none = Http.get(url + "/config/" + subject);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.errorCode()).isEqualTo(40408);

    assertThat(
            Http.put(url + "/config/" + subject, "{\"compatibility\":\"NONE\"}").body().toString())
        .isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(Http.get(url + "/config/" + subject).body().toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));
    Answer anything =
        Http.post(
            url + "/subjects/" + subject + "/versions",
            Http.schemaBody(Schemas.V2_WITHOUT_DEFAULT));
    assertThat(anything.status()).isEqualTo(200);

    Answer bad = Http.put(url + "/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errorCode()).isEqualTo(42203);
  }

  @Test
  void forwardTransitiveChecksEveryEarlierVersion() throws Exception {
    String subject = subject();
    Http.put(url + "/config/" + subject, "{\"compatibility\":\"NONE\"}");
    Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));
    String withScore = Schemas.thing("Thing", "{\"name\":\"score\",\"type\":\"int\"}");
    Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(withScore));
    // version 1 (no score) reads anything; version 2 needs an int score that the next one lacks
    String next = Schemas.thing("Thing", "{\"name\":\"rank\",\"type\":\"int\",\"default\":0}");

    Http.put(url + "/config/" + subject, "{\"compatibility\":\"FORWARD\"}");
    String check = url + "/compatibility/subjects/" + subject + "/versions/1";
    assertThat(Http.post(check, Http.schemaBody(next)).body().get("is_compatible").asBoolean())
        .isTrue();
    Http.put(url + "/config/" + subject, "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
    Answer transitive =
        Http.post(
            url + "/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
            Http.schemaBody(next));
    assertThat(transitive.body().get("is_compatible").asBoolean()).isFalse();
    assertThat(transitive.body().get("messages").toString()).contains("field 'score'");
  }

  @Test
  void answersErrorsWithConfluentCodes() throws Exception {
    String subject = subject();
    assertError(Http.get(url + "/subjects/" + subject + "/versions"), 404, 40401);
    Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1));
    assertError(Http.get(url + "/subjects/" + subject + "/versions/7"), 404, 40402);
    assertError(Http.get(url + "/subjects/" + subject + "/versions/zero"), 422, 42202);
    assertError(Http.get(url + "/schemas/ids/987654"), 404, 40403);
    assertError(
        Http.post(url + "/subjects/" + subject, Http.schemaBody(Schemas.thing("Unknown"))),
        404,
        40403);
    assertError(
        Http.post(
            url + "/subjects/" + subject + "/versions", Http.schemaBody("{\"type\":\"nope\"}")),
        422,
        42201);
    assertError(Http.get(url + "/no/such/path"), 404, 404);
    assertError(Http.post(url + "/subjects/" + subject + "/versions", "not json"), 400, 400);
  }

  @Test
  void keepsSchemasInConfluentsRecordFormat() throws Exception {
    String subject = subject();
    int id =
        Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1))
            .body()
            .get("id")
            .asInt();
    String expectedKey =
        "{\"keytype\":\"SCHEMA\",\"subject\":\"" + subject + "\",\"version\":1,\"magic\":1}";
    List<ConsumerRecord<String, String>> records = readSchemasTopic();
    ConsumerRecord<String, String> mine =
        records.stream().filter(r -> r.key().equals(expectedKey)).findFirst().orElseThrow();
    assertThat(Http.JSON.readTree(mine.value()))
        .isEqualTo(
            Http.JSON
                .createObjectNode()
                .put("subject", subject)
                .put("version", 1)
                .put("id", id)
                .put("schema", new Schema.Parser().parse(Schemas.V1).toString())
                .put("deleted", false));
  }

  @Test
  void aRestartedRegistryKnowsEverythingFromTheTopic() throws Exception {
    String subject = subject();
    int id =
        Http.post(url + "/subjects/" + subject + "/versions", Http.schemaBody(Schemas.V1))
            .body()
            .get("id")
            .asInt();
    Http.put(url + "/config/" + subject, "{\"compatibility\":\"FULL\"}");

    try (EmbeddedSchemaRegistry second =
        EmbeddedSchemaRegistry.start(RegistrySettings.of(kafka.bootstrapServers()))) {
      assertThat(Http.get(second.url() + "/schemas/ids/" + id).status()).isEqualTo(200);
      assertThat(Http.get(second.url() + "/config/" + subject).body().toString())
          .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
      assertThat(
              Http.post(
                      second.url() + "/subjects/" + subject + "/versions",
                      Http.schemaBody(Schemas.V1))
                  .body()
                  .get("id")
                  .asInt())
          .isEqualTo(id);
    }
  }

  private static void assertError(Answer answer, int status, int code) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo(code);
    assertThat(answer.body().fieldNames()).toIterable().containsExactly("error_code", "message");
  }

  private static List<ConsumerRecord<String, String>> readSchemasTopic() {
    TopicPartition tp = new TopicPartition(RegistrySettings.DEFAULT_TOPIC, 0);
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }
}
