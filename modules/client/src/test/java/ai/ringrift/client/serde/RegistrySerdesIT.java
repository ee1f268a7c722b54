package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.events.Board;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Every event type through the real broker and the embedded registry, in Confluent's format. */
@WithKafkaCluster
class RegistrySerdesIT {
  static final List<ConfigKey> CONFIGS =
      List.of(ConfigKeys.of(Board.SQUARE8, 2), ConfigKeys.of(Board.HEXAGONAL, 4));

  static EventSerdes serdes(KafkaCluster cluster) {
    return EventSerdes.from(
        KafkaSettings.fromEnvironment(cluster.environment()), cluster.catalog());
  }

  @Test
  void everyEventTypeRoundTripsThroughBrokerAndRegistry(KafkaCluster cluster) throws Exception {
    EventSerdes writer = serdes(cluster);
    List<TopicSpec> topics =
        cluster.catalog().topics().stream().filter(t -> t.valueType().isPresent()).toList();
    assertThat(topics).hasSizeGreaterThanOrEqualTo(25);
    SchemaRegistryClient registry = SchemaRegistryClient.of(cluster.registryUrl());

    for (TopicSpec topic : topics) {
      List<SpecificRecord> sent = new ArrayList<>();
      List<byte[]> bytes = new ArrayList<>();
      for (int seed = 0; seed < CONFIGS.size(); seed++) {
        SpecificRecord event =
            SampleEvents.of(topic.valueType().get(), CONFIGS.get(seed), seed + 1);
        sent.add(event);
        bytes.add(encode(writer, topic, event));
      }
      RegistryConsumers.sendRaw(cluster, topic.name(), bytes);
      int id = ByteBuffer.wrap(bytes.get(0), 1, 4).getInt();
      assertThat(bytes.get(0)[0]).as("magic byte").isZero();
      assertThat(registry.latest(topic.name() + "-value").id()).as(topic.name()).isEqualTo(id);

      // a fresh reader: it knows no schema and fetches the writer's by id
      List<Object> read =
          RegistryConsumers.<Object>read(
              cluster, topic.name(), reader(cluster, topic), new ArrayList<>());
      assertThat(read).as(topic.name()).containsExactlyInAnyOrderElementsOf(sent);
    }
  }

  @Test
  void steadyStateMakesNoRegistryCalls(KafkaCluster cluster) {
    EventSerdes serdes = serdes(cluster);
    SchemaRegistryClient registry = serdes.registry().orElseThrow();
    Serde<TrainingCompleted> training = serdes.value(TrainingCompleted.class);
    Serde<EvaluationCompleted> evaluation = serdes.value(EvaluationCompleted.class);
    String trainingTopic = cluster.catalog().topicFor(TrainingCompleted.class).name();
    String evaluationTopic = cluster.catalog().topicFor(EvaluationCompleted.class).name();
    roundTrip(training, trainingTopic, SampleEvents.of(TrainingCompleted.class, 0));
    roundTrip(evaluation, evaluationTopic, SampleEvents.of(EvaluationCompleted.class, 0));
    long warm = registry.requestCount();
    assertThat(warm).as("warm-up registered and fetched").isPositive();

    for (int seed = 1; seed <= 500; seed++) {
      roundTrip(training, trainingTopic, SampleEvents.of(TrainingCompleted.class, seed));
      roundTrip(evaluation, evaluationTopic, SampleEvents.of(EvaluationCompleted.class, seed));
    }

    assertThat(registry.requestCount()).isEqualTo(warm);
  }

  @Test
  void anUnknownSchemaIdIsATypedDecodingError(KafkaCluster cluster) throws Exception {
    String topic = cluster.newTopic("unknown-id", 1);
    byte[] unknown = {0, 0, 0x0f, 0x42, 0x40, 2, 'x'}; // schema id 1,000,000
    RegistryConsumers.sendRaw(cluster, topic, List.of(unknown));

    List<RecordDeserializationException> errors = new ArrayList<>();
    RegistryConsumers.read(
        cluster, topic, serdes(cluster).value(TrainingCompleted.class).deserializer(), errors);

    assertThat(errors).isNotEmpty();
    assertThat(errors.get(0).getCause())
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageContaining("schema id 1000000 is not in the schema registry")
        .hasMessageContaining("on topic " + topic);
    assertThat(((UnknownSchemaIdException) errors.get(0).getCause()).schemaId())
        .isEqualTo(1_000_000);
  }

  @SuppressWarnings("unchecked")
  private static org.apache.kafka.common.serialization.Deserializer<Object> reader(
      KafkaCluster cluster, TopicSpec topic) {
    return (org.apache.kafka.common.serialization.Deserializer<Object>)
        (org.apache.kafka.common.serialization.Deserializer<?>)
            serdes(cluster).value(topic.valueType().get()).deserializer();
  }

  private static <T> void roundTrip(Serde<T> serde, String topic, T event) {
    byte[] bytes = serde.serializer().serialize(topic, event);
    assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(event);
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> byte[] encode(
      EventSerdes serdes, TopicSpec topic, SpecificRecord event) {
    Serde<T> serde = (Serde<T>) serdes.value(topic.valueType().get());
    return serde.serializer().serialize(topic.name(), (T) event);
  }
}
