package ai.ringrift.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.settings.RegistrySettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The REST API v1 contract, endpoint by endpoint, against the embedded registry over real HTTP on a
 * real broker: every request answers the status, {@code error_code} and body of Confluent's API
 * reference (docs.confluent.io, "Schema Registry API Reference", and the messages of its server's
 * {@code Errors} class). Each scenario runs on a fresh {@code _schemas} topic, so ids start at 1.
 */
class RestContractIT {
  static final String V1 =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"ai.ringrift.test\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
  static final String V2 =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"ai.ringrift.test\",\"fields\":"
          + "[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"score\",\"type\":\"double\","
          + "\"default\":0.0}]}";
  static final String BAD =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"ai.ringrift.test\",\"fields\":"
          + "[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"score\",\"type\":\"double\"}]}";
  static final String NO_ID =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"ai.ringrift.test\",\"fields\":[]}";
  static final String OTHER =
      "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"ai.ringrift.test\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
  static final String HEADER =
      "{\"type\":\"record\",\"name\":\"Header\",\"namespace\":\"ai.ringrift.test\","
          + "\"fields\":[{\"name\":\"trace\",\"type\":\"string\"}]}";
  static final String EVENT =
      "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"ai.ringrift.test\",\"fields\":"
          + "[{\"name\":\"header\",\"type\":\"Header\"},{\"name\":\"n\",\"type\":\"int\"}]}";
  static final String EVENT_INLINED =
      "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"ai.ringrift.test\",\"fields\":"
          + "[{\"name\":\"header\",\"type\":{\"type\":\"record\",\"name\":\"Header\",\"fields\":"
          + "[{\"name\":\"trace\",\"type\":\"string\"}]}},{\"name\":\"n\",\"type\":\"int\"}]}";
  static final String N1 =
      "{\"type\":\"record\",\"name\":\"Norm\",\"namespace\":\"ai.ringrift.test\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}],\"owner\":\"a\",\"team\":\"b\"}";
  static final String N2 =
      "{\"type\":\"record\",\"name\":\"Norm\",\"namespace\":\"ai.ringrift.test\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}],\"team\":\"b\",\"owner\":\"a\"}";
  static final String NORMALIZED =
      "{\"type\":\"record\",\"name\":\"ai.ringrift.test.Norm\","
          + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}],\"owner\":\"a\",\"team\":\"b\"}";
  static final String REF = "{`name`:`ai.ringrift.test.Header`,`subject`:`header`,`version`:1}";
  static final String MISSING_DEFAULT =
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'score' at path"
          + " '/fields/1' in the new schema has no default value and is missing in the old"
          + " schema', additionalInfo:'score'}";

  static final AtomicInteger TOPICS = new AtomicInteger();
  static KafkaClusterTestKit kafka;
  static final Map<String, String> TEXTS = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = TestCluster.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TEXTS.put("CLUSTER", admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
    }
    Map.of(
            "V1",
            V1,
            "V2",
            V2,
            "BAD",
            BAD,
            "NO_ID",
            NO_ID,
            "OTHER",
            OTHER,
            "HEADER",
            HEADER,
            "EVENT",
            EVENT,
            "EVENT_INLINED",
            EVENT_INLINED,
            "N1",
            N1,
            "N2",
            N2)
        .forEach(TEXTS::put);
    TEXTS.put("NORMALIZED", NORMALIZED);
    TEXTS.put("NOPE", "{\"type\":\"nope\"}");
  }

  @AfterAll
  static void stop() throws Exception {
    kafka.close();
  }

  @Test
  void theSchemasAreWrittenAsAvroRendersThem() {
    // stored texts are Avro's rendering (as Confluent's canonical string), so these are exact
    for (String text : new String[] {V1, V2, BAD, NO_ID, OTHER, HEADER, N1, N2}) {
      assertThat(new Schema.Parser().parse(text).toString()).isEqualTo(text);
    }
  }

  @TestFactory
  Stream<DynamicTest> answersAsConfluentsApiReference() {
    return scenarios()
        .map(
            scenario ->
                DynamicTest.dynamicTest(
                    scenario.name(),
                    () -> {
                      String topic = "_schemas_contract_" + TOPICS.incrementAndGet();
                      try (EmbeddedSchemaRegistry registry =
                          EmbeddedSchemaRegistry.start(
                              RegistrySettings.of(kafka.bootstrapServers()).withTopic(topic))) {
                        scenario.run(registry.url(), TEXTS);
                      }
                    }));
  }

  static String error(int code, String message) {
    return "{`error_code`:" + code + ",`message`:`" + message + "`}";
  }

  static String entry(String subject, int version, int id, String schema) {
    return "{`subject`:`"
        + subject
        + "`,`version`:"
        + version
        + ",`id`:"
        + id
        + ",`schema`:${"
        + schema
        + "}}";
  }

  static String schema(String name) {
    return "{`schema`:${" + name + "}}";
  }

  static String id(int id) {
    return "{`id`:" + id + "}";
  }

  static Stream<Contract> scenarios() {
    return Stream.of(
        RestContractScenarios.service(),
        RestContractScenarios.registerAndRead(),
        RestContractScenarios.errors(),
        RestContractScenarios.compatibility(),
        RestContractScenarios.config(),
        RestContractScenarios.deleteVersions(),
        RestContractScenarios.deleteSubjects(),
        RestContractScenarios.references(),
        RestContractScenarios.normalize(),
        RestContractScenarios.modes(),
        RestContractScenarios.importMode());
  }
}
