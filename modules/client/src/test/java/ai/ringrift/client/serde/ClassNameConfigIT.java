package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The serdes configured by class name and properties alone, as Kafka's console tools and Kafka
 * Streams' {@code default.value.serde} configure them.
 */
@WithKafkaCluster
class ClassNameConfigIT {
  @Test
  void producerAndConsumerConfiguredByClassNameReadJsonGenericRecords(KafkaCluster cluster)
      throws Exception {
    String topic = cluster.newTopic("by-class-name", 1);
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 8);
    Map<String, Object> producer = new HashMap<>(cluster.producerConfig());
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        "ai.ringrift.client.serde.RegistryAvroSerializer");
    producer.put(RegistrySerdeConfig.URL, cluster.registryUrl());
    try (KafkaProducer<String, Object> kafka = new KafkaProducer<>(producer)) {
      kafka.send(new ProducerRecord<>(topic, 0, "square8_2p", event)).get();
    }

    Map<String, Object> consumer = new HashMap<>(cluster.consumerConfig("console"));
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        "ai.ringrift.client.serde.RegistryAvroDeserializer");
    consumer.put(RegistrySerdeConfig.URL, cluster.registryUrl());
    Object generic = readOne(consumer, topic);
    consumer.put(RegistrySerdeConfig.VALUE_TYPE, TrainingCompleted.class.getName());
    Object specific = readOne(consumer, topic);

    assertThat(generic).isInstanceOf(GenericRecord.class);
    JsonNode json = new ObjectMapper().readTree(generic.toString());
    assertThat(json.get("job_id").asText()).isEqualTo(event.getJobId());
    assertThat(json.get("header").get("event_id").asText())
        .isEqualTo(event.getHeader().getEventId());
    assertThat(specific).isEqualTo(event);
  }

  @Test
  void kafkasConsoleConsumerFormatterPrintsRecordsAsJson(KafkaCluster cluster) throws Exception {
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 11);
    EventSerdes serdes =
        EventSerdes.from(
            ai.ringrift.client.KafkaSettings.fromEnvironment(cluster.environment()),
            cluster.catalog());
    byte[] value =
        serdes.value(TrainingCompleted.class).serializer().serialize("console-topic", event);
    // the console consumer's default formatter, created as the tool creates it: by class name
    var constructor =
        Class.forName("org.apache.kafka.tools.consumer.DefaultMessageFormatter")
            .getDeclaredConstructor();
    constructor.setAccessible(true);
    var formatter = (org.apache.kafka.common.MessageFormatter) constructor.newInstance();
    // the properties kafka-console-consumer.sh passes with --formatter-property
    formatter.configure(
        Map.of(
            "value.deserializer",
            "ai.ringrift.client.serde.RegistryAvroDeserializer",
            "value.deserializer.schema.registry.url",
            cluster.registryUrl()));
    var printed = new java.io.ByteArrayOutputStream();

    formatter.writeTo(
        new org.apache.kafka.clients.consumer.ConsumerRecord<>("console-topic", 0, 0L, null, value),
        new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));

    JsonNode json =
        new ObjectMapper().readTree(printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(json.get("model_id").asText()).isEqualTo(event.getModelId());
  }

  @Test
  @SuppressWarnings("unchecked")
  void streamsDefaultSerdeByClassNameRoundTrips(KafkaCluster cluster) throws Exception {
    Serde<Object> serde =
        Utils.newInstance("ai.ringrift.client.serde.RegistryAvroSerde", Serde.class);
    serde.configure(
        Map.of(
            RegistrySerdeConfig.URL,
            cluster.registryUrl(),
            RegistrySerdeConfig.SPECIFIC_READER,
            "true"),
        false);
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 9);

    byte[] bytes = serde.serializer().serialize("streams-changelog", event);

    assertThat(serde.deserializer().deserialize("streams-changelog", bytes)).isEqualTo(event);
  }

  private static Object readOne(Map<String, Object> config, String topic) {
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, Object> kafka = new KafkaConsumer<>(config)) {
      kafka.assign(List.of(tp));
      kafka.seekToBeginning(List.of(tp));
      List<Object> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        kafka.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
      }
      assertThat(values).hasSize(1);
      return values.get(0);
    }
  }
}
