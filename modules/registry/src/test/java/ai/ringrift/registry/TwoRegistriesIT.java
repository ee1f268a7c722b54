package ai.ringrift.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.settings.RegistrySettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two registry instances on one cluster agree on every id, also when they race. */
class TwoRegistriesIT {
  static KafkaClusterTestKit kafka;
  static EmbeddedSchemaRegistry a;
  static EmbeddedSchemaRegistry b;

  @BeforeAll
  static void start() throws Exception {
    kafka = TestCluster.start();
    a = EmbeddedSchemaRegistry.start(RegistrySettings.of(kafka.bootstrapServers()));
    b = EmbeddedSchemaRegistry.start(RegistrySettings.of(kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
    kafka.close();
  }

  @Test
  void theSameSchemaGetsTheSameIdFromEitherInstance() throws Exception {
    String schema = Schemas.thing("Agreed");
    int fromA = register(a, "agreed-value", schema);
    int fromB = register(b, "agreed-value", schema);
    int otherSubjectOnB = register(b, "agreed-elsewhere-value", schema);

    assertThat(fromB).isEqualTo(fromA);
    assertThat(otherSubjectOnB).isEqualTo(fromA);
    assertThat(Http.get(b.url() + "/subjects/agreed-value/versions").body().toString())
        .isEqualTo("[1]");
  }

  @Test
  void concurrentRegistrationsOfDifferentSchemasNeverShareAnId() throws Exception {
    int perInstance = 8;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map.Entry<String, Integer>>> results = new ArrayList<>();
      for (int i = 0; i < perInstance; i++) {
        results.add(pool.submit(registration(a, "race-a-" + i)));
        results.add(pool.submit(registration(b, "race-b-" + i)));
      }
      Map<Integer, String> owners = new HashMap<>();
      for (Future<Map.Entry<String, Integer>> result : results) {
        Map.Entry<String, Integer> registered = result.get();
        String previous = owners.put(registered.getValue(), registered.getKey());
        assertThat(previous)
            .as("id %s given to both %s and %s", registered.getValue(), previous, registered)
            .isNull();
      }
      assertThat(owners).hasSize(2 * perInstance);
      for (Map.Entry<Integer, String> owner : owners.entrySet()) {
        String onA =
            Http.get(a.url() + "/schemas/ids/" + owner.getKey()).body().get("schema").asText();
        String onB =
            Http.get(b.url() + "/schemas/ids/" + owner.getKey()).body().get("schema").asText();
        assertThat(onA).isEqualTo(onB).contains("\"" + recordName(owner.getValue()) + "\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Map.Entry<String, Integer>> registration(
      EmbeddedSchemaRegistry registry, String name) {
    return () ->
        Map.entry(name, register(registry, name + "-value", Schemas.thing(recordName(name))));
  }

  private static String recordName(String name) {
    return name.replace("-", "_");
  }

  private static int register(EmbeddedSchemaRegistry registry, String subject, String schema)
      throws Exception {
    Http.Answer answer =
        Http.post(registry.url() + "/subjects/" + subject + "/versions", Http.schemaBody(schema));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return answer.body().get("id").asInt();
  }
}
