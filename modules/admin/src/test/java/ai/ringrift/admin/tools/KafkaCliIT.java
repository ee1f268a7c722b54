package ai.ringrift.admin.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.RegistryAvroDeserializer;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/kafka-cli} runs Kafka's own tools from the project's classpath against a real
 * broker, as docs/operations.md "Inspecting topics with Kafka's tools" shows them. The script runs
 * with RINGRIFT_NO_BUILD=1: the Maven build that runs this test has just packaged the admin module.
 */
@WithKafkaCluster
class KafkaCliIT {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  @Test
  void theConsoleConsumerPrintsDecodedEventsAndConsumerGroupsShowsAndResetsTheLag(
      KafkaCluster cluster) throws Exception {
    String topic = cluster.newTopic("kafka-cli", 1);
    List<TrainingCompleted> events = publish(cluster, topic, 3);

    Run consumer =
        kafkaCli(
            "kafka-console-consumer",
            "--bootstrap-server",
            cluster.bootstrapServers(),
            "--topic",
            topic,
            "--group",
            "cli-reader",
            "--from-beginning",
            "--max-messages",
            "3",
            "--timeout-ms",
            "60000",
            "--formatter-property",
            "value.deserializer=" + RegistryAvroDeserializer.class.getName(),
            "--formatter-property",
            "value.deserializer.schema.registry.url=" + cluster.registryUrl());
    assertThat(consumer.exitCode()).as(consumer.err()).isZero();
    List<String> modelIds = new ArrayList<>();
    for (String line : consumer.out().lines().toList()) {
      JsonNode event = JSON.readTree(line);
      modelIds.add(event.get("model_id").asText());
    }
    assertThat(modelIds)
        .containsExactlyElementsOf(events.stream().map(TrainingCompleted::getModelId).toList());

    assertThat(groups(cluster, "--describe").out())
        .containsPattern("cli-reader\\s+" + topic + "\\s+0\\s+3\\s+3\\s+0");
    Run reset =
        groups(
            cluster,
            "--reset-offsets",
            "--to-datetime",
            "2000-01-01T00:00:00.000",
            "--topic",
            topic,
            "--execute");
    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(groups(cluster, "--describe").out())
        .containsPattern("cli-reader\\s+" + topic + "\\s+0\\s+0\\s+3\\s+3");
  }

  @Test
  void kafkaTopicsDescribesACatalogTopic(KafkaCluster cluster) throws Exception {
    Run describe =
        kafkaCli(
            "kafka-topics.sh",
            "--bootstrap-server",
            cluster.bootstrapServers(),
            "--describe",
            "--topic",
            "ringrift.training.completed");
    assertThat(describe.exitCode()).as(describe.err()).isZero();
    assertThat(describe.out())
        .contains("Topic: ringrift.training.completed")
        .contains("PartitionCount: 6");
  }

  @Test
  void anUnknownToolIsAUsageErrorListingTheTools() throws Exception {
    Run unknown = kafkaCli("kafka-topicz");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith("kafka-cli: unknown tool 'kafka-topicz'\n")
        .contains("  kafka-consumer-groups\n");
  }

  private static Run groups(KafkaCluster cluster, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("kafka-consumer-groups"));
    all.addAll(List.of("--bootstrap-server", cluster.bootstrapServers(), "--group", "cli-reader"));
    all.addAll(List.of(args));
    return kafkaCli(all.toArray(String[]::new));
  }

  private static List<TrainingCompleted> publish(KafkaCluster cluster, String topic, int count)
      throws Exception {
    EventSerdes serdes =
        EventSerdes.from(KafkaSettings.fromEnvironment(cluster.environment()), cluster.catalog());
    List<TrainingCompleted> events = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(),
            serdes.key().serializer(),
            serdes.value(TrainingCompleted.class).serializer())) {
      for (int i = 0; i < count; i++) {
        TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 40 + i);
        producer.send(new ProducerRecord<>(topic, 0, "square8_2p", event)).get();
        events.add(event);
      }
    }
    return events;
  }

  private static Run kafkaCli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/kafka-cli").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().put("RINGRIFT_NO_BUILD", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    var out = readAsync(process.getInputStream());
    var err = readAsync(process.getErrorStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kafka-cli " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Run(process.exitValue(), out.join(), err.join());
  }

  private static java.util.concurrent.CompletableFuture<String> readAsync(java.io.InputStream in) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
