package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Consumers built with an older schema read newer records and the reverse, as far as the subject's
 * compatibility level promises; the registry refuses what would break them.
 */
@WithKafkaCluster
class SchemaEvolutionIT {
  static RegistryAvroSerializer<GenericRecord> writer(SchemaRegistryClient client) {
    return new RegistryAvroSerializer<>(client, RegistrySerdeConfig.of("http://unused"), false);
  }

  @Test
  void olderReadersReadNewerRecordsAndNewerReadersOlderOnes(KafkaCluster cluster) throws Exception {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String topic = cluster.newTopic("probe-full", 1);
    client.setCompatibility(topic + "-value", "FULL");
    RegistryConsumers.send(
        cluster,
        topic,
        writer(client),
        List.of(Probes.of(Probes.V1, "old"), Probes.of(Probes.V2, "new")));

    List<GenericRecord> asV1 =
        RegistryConsumers.read(
            cluster,
            topic,
            RegistryAvroDeserializer.withReaderSchema(client, Probes.V1),
            new ArrayList<>());
    List<GenericRecord> asV2 =
        RegistryConsumers.read(
            cluster,
            topic,
            RegistryAvroDeserializer.withReaderSchema(client, Probes.V2),
            new ArrayList<>());

    assertThat(asV1).extracting(r -> r.get("id").toString()).containsExactly("old", "new");
    assertThat(asV1).allSatisfy(r -> assertThat(r.getSchema()).isEqualTo(Probes.V1));
    assertThat(asV2).extracting(r -> (Double) r.get("score")).containsExactly(0.5, 9.25);
    assertThat(client.versions(topic + "-value")).containsExactly(1, 2);
  }

  @Test
  void theCompiledEventClassReadsANewerVersionAndANewerReaderTheCompiledOne(KafkaCluster cluster)
      throws Exception {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String topic = cluster.newTopic("training-evolution", 1);
    Schema compiled = TrainingCompleted.getClassSchema();
    Schema newer =
        withField(compiled, "{\"name\":\"gpu_hours\",\"type\":\"double\",\"default\":-1.0}");
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 5);
    GenericRecord newerEvent = asNewer(event, newer, 12.5);
    RegistryAvroSerializer<Object> serializer =
        new RegistryAvroSerializer<>(client, RegistrySerdeConfig.of("http://unused"), false);
    RegistryConsumers.send(cluster, topic, serializer, List.of(event, newerEvent));

    List<TrainingCompleted> old =
        RegistryConsumers.read(
            cluster,
            topic,
            new RegistryAvroDeserializer<>(client, TrainingCompleted.class),
            new ArrayList<>());
    List<GenericRecord> fresh =
        RegistryConsumers.read(
            cluster,
            topic,
            RegistryAvroDeserializer.withReaderSchema(client, newer),
            new ArrayList<>());

    assertThat(old).containsExactly(event, event);
    assertThat(fresh).extracting(r -> r.get("gpu_hours")).containsExactly(-1.0, 12.5);
    assertThat(fresh.get(0).get("job_id").toString()).isEqualTo(event.getJobId());
  }

  @Test
  void anIncompatibleSchemaIsRefusedWith409NamingTheField(KafkaCluster cluster) {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String topic = cluster.newTopic("probe-backward", 1);
    RegistryAvroSerializer<GenericRecord> serializer = writer(client);
    serializer.serialize(topic, Probes.of(Probes.V1, "a"));

    assertThatThrownBy(() -> serializer.serialize(topic, Probes.of(Probes.NO_DEFAULT, "b")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field 'score'")
        .cause()
        .isInstanceOf(SchemaRegistryException.IncompatibleSchema.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
  }

  @Test
  void whereTheLevelDoesNotPromiseItTheNewerReaderGetsATypedError(KafkaCluster cluster)
      throws Exception {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String topic = cluster.newTopic("probe-forward", 1);
    client.setCompatibility(topic + "-value", "FORWARD");
    RegistryConsumers.send(
        cluster,
        topic,
        writer(client),
        List.of(Probes.of(Probes.V1, "old"), Probes.of(Probes.NO_DEFAULT, "new")));

    List<GenericRecord> asOld =
        RegistryConsumers.read(
            cluster,
            topic,
            RegistryAvroDeserializer.withReaderSchema(client, Probes.V1),
            new ArrayList<>());
    List<RecordDeserializationException> errors = new ArrayList<>();
    List<GenericRecord> asNew =
        RegistryConsumers.read(
            cluster,
            topic,
            RegistryAvroDeserializer.withReaderSchema(client, Probes.NO_DEFAULT),
            errors);

    assertThat(asOld).hasSize(2);
    assertThat(asNew).extracting(r -> r.get("id").toString()).containsExactly("new");
    assertThat(errors)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getCause())
                    .isInstanceOf(EventDecodingException.class)
                    .hasMessageContaining("cannot be read as ai.ringrift.test.Probe"));
  }

  @Test
  void withAutoRegisterOffOnlyRegisteredSchemasAreWrittenAndUseLatestWritesTheLatest(
      KafkaCluster cluster) {
    SchemaRegistryClient admin = SchemaRegistryClient.of(cluster.registryUrl());
    String topic = cluster.newTopic("probe-production", 1);
    String subject = topic + "-value";
    Map<String, Object> production =
        Map.of(
            RegistrySerdeConfig.URL,
            cluster.registryUrl(),
            RegistrySerdeConfig.AUTO_REGISTER,
            "false");
    RegistryAvroSerializer<GenericRecord> strict = new RegistryAvroSerializer<>();
    strict.configure(production, false);

    assertThatThrownBy(() -> strict.serialize(topic, Probes.of(Probes.V1, "x")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("is not registered under subject " + subject);

    int v1 = admin.register(subject, Probes.V1);
    int v2 = admin.register(subject, Probes.V2);
    RegistryAvroSerializer<GenericRecord> registered = new RegistryAvroSerializer<>();
    registered.configure(production, false);
    byte[] asV1 = registered.serialize(topic, Probes.of(Probes.V1, "x"));
    RegistryAvroSerializer<GenericRecord> latest = new RegistryAvroSerializer<>();
    latest.configure(
        Map.of(
            RegistrySerdeConfig.URL, cluster.registryUrl(),
            RegistrySerdeConfig.AUTO_REGISTER, "false",
            RegistrySerdeConfig.USE_LATEST, "true"),
        false);
    byte[] asLatest = latest.serialize(topic, Probes.of(Probes.V1, "y"));

    assertThat(java.nio.ByteBuffer.wrap(asV1, 1, 4).getInt()).isEqualTo(v1);
    assertThat(java.nio.ByteBuffer.wrap(asLatest, 1, 4).getInt()).isEqualTo(v2);
    GenericRecord decoded =
        (GenericRecord) new RegistryAvroDeserializer<>(admin, null).deserialize(topic, asLatest);
    assertThat(decoded.get("score")).isEqualTo(0.5);
    assertThat(admin.versions(subject)).containsExactly(1, 2);
  }

  private static Schema withField(Schema schema, String field) {
    String json = schema.toString();
    return new Schema.Parser().parse(json.substring(0, json.length() - 2) + "," + field + "]}");
  }

  private static GenericRecord asNewer(TrainingCompleted event, Schema newer, double gpuHours)
      throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    var encoder = EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.specific.SpecificDatumWriter<TrainingCompleted>(TrainingCompleted.class)
        .write(event, encoder);
    encoder.flush();
    GenericData.Record record =
        (GenericData.Record)
            new GenericDatumReader<GenericRecord>(TrainingCompleted.getClassSchema(), newer)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    record.put("gpu_hours", gpuHours);
    return record;
  }
}
