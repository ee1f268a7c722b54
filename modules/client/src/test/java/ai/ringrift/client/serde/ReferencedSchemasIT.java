package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared types registered once under their own subjects ({@code EventHeader}, {@code
 * ConfigKey}) and an event that references them, as Confluent's references do: our serializer finds
 * the referencing version with the full schema it holds, and a reader that knows nothing resolves
 * the references when it fetches the writer's schema by id.
 */
@WithKafkaCluster
class ReferencedSchemasIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void anEventReferencingSharedTypesIsWrittenAndReadWithItsReferencesResolved(KafkaCluster cluster)
      throws Exception {
    String url = cluster.registryUrl();
    String topic = cluster.catalog().topicFor(TrainingStarted.class).name();
    register(url, "ai.ringrift.events.EventHeader", EventHeader.getClassSchema().toString(), null);
    register(url, "ai.ringrift.events.ConfigKey", ConfigKey.getClassSchema().toString(), null);
    String byName =
        TrainingStarted.getClassSchema()
            .toString(List.of(EventHeader.getClassSchema(), ConfigKey.getClassSchema()), false);
    assertThat(byName).doesNotContain("\"trace_id\"");
    int id =
        register(
            url,
            topic + "-value",
            byName,
            List.of("ai.ringrift.events.EventHeader", "ai.ringrift.events.ConfigKey"));

    RegistryAvroSerializer<TrainingStarted> writer =
        new RegistryAvroSerializer<>(
            SchemaRegistryClient.of(url),
            RegistrySerdeConfig.from(
                Map.of(RegistrySerdeConfig.URL, url, RegistrySerdeConfig.AUTO_REGISTER, "false")),
            false);
    TrainingStarted sent = SampleEvents.of(TrainingStarted.class, 7);
    byte[] bytes = writer.serialize(topic, sent);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    RegistryConsumers.sendRaw(cluster, topic, List.of(bytes));

    SchemaRegistryClient fresh = SchemaRegistryClient.of(url);
    List<TrainingStarted> read =
        RegistryConsumers.read(
            cluster,
            topic,
            new RegistryAvroDeserializer<>(fresh, TrainingStarted.class),
            new ArrayList<>());
    assertThat(read).containsExactly(sent);
    assertThat(SchemaRegistryClient.of(url).schemaById(id))
        .isEqualTo(TrainingStarted.getClassSchema());
  }

  /** Registers over plain HTTP, each reference to version 1 of the subject named as its type. */
  private static int register(String url, String subject, String schema, List<String> refs)
      throws Exception {
    ObjectNode body = JSON.createObjectNode().put("schema", schema);
    if (refs != null) {
      refs.forEach(
          name ->
              body.withArray("references")
                  .addObject()
                  .put("name", name)
                  .put("subject", name)
                  .put("version", 1));
    }
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).get("id").asInt();
  }
}
