package ai.ringrift.admin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.subscribe.EventSubscriber;
import ai.ringrift.client.subscribe.NonRetriableException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters written by a real subscriber (a handler that cannot load two models yet, and bytes
 * that are no event), inspected and redriven with {@code ringrift events dlq}; once healed, the
 * subscriber handles each redriven event exactly once, however often the redrive runs.
 */
@WithKafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DlqCommandIT {
  static final String DLQ = "ringrift.training.completed.dlq";
  static final List<String> HANDLED = new CopyOnWriteArrayList<>();
  static volatile boolean healed;
  static EventSubscriber subscriber;
  @TempDir static Path dir;

  @BeforeAll
  static void deadLetters(KafkaCluster cluster) throws Exception {
    subscriber =
        EventSubscriber.builder()
            .name("dlq-it")
            .kafka(KafkaSettings.fromEnvironment(cluster.environment()))
            .config(ConfigSource.directory(Path.of("../../config")))
            .catalog(cluster.catalog())
            .metrics(new MetricRegistry())
            .on(
                TrainingCompleted.class,
                (event, context) -> {
                  if (event.getModelId().startsWith("poison") && !healed) {
                    throw new NonRetriableException("cannot load " + event.getModelId());
                  }
                  HANDLED.add(event.getModelId());
                })
            .build()
            .start();
    for (String model : List.of("poison-1", "poison-2")) {
      Path file =
          Files.writeString(
              dir.resolve(model + ".json"), EventsCommandIT.training("square8_3p", model, 1));
      assertThat(
              Cli.on(cluster, "events", "publish", "TrainingCompleted", "--json", file.toString())
                  .exitCode())
          .isZero();
    }
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "ringrift.training.completed",
                  "square8_3p".getBytes(StandardCharsets.UTF_8),
                  new byte[] {9, 9, 9}))
          .get();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(Cli.on(cluster, "events", "dlq", "list").out())
                    .containsPattern(DLQ.replace(".", "\\.") + "\\s+3\\s+3\\s+0"));
  }

  @AfterAll
  static void stop() {
    subscriber.close();
  }

  @Test
  @Order(1)
  void showListsEachDeadLetterWithItsFailure(KafkaCluster cluster) {
    Cli.Result show = Cli.on(cluster, "events", "dlq", "show", "ringrift.training.completed");

    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out())
        .containsPattern(
            "(?m)^0\\s+\\S+\\s+ringrift\\.training\\.completed-\\d@\\d+\\s+POISON\\s+1"
                + "\\s+dlq-it\\s+NonRetriableException: cannot load poison-1\\s+-$")
        .containsPattern(
            "(?m)^2\\s+.+POISON\\s+1\\s+dlq-it\\s+\\S+Exception: cannot decode record");
  }

  @Test
  @Order(2)
  void showOffsetGivesTheHeadersAndTheDecodedValue(KafkaCluster cluster) {
    Cli.Result event = Cli.on(cluster, "events", "dlq", "show", DLQ, "--offset", "0");
    Cli.Result garbage = Cli.on(cluster, "events", "dlq", "show", DLQ, "--offset", "2");

    assertThat(event.out())
        .containsPattern("ringrift\\.dlq\\.exception-message\\s+cannot load poison-1")
        .containsPattern("ringrift\\.dlq\\.subscriber\\s+dlq-it")
        .containsPattern("key\\s+square8_3p")
        .contains("\"model_id\":\"poison-1\"");
    assertThat(garbage.out()).contains("3 bytes that do not decode").contains("090909");
  }

  @Test
  @Order(3)
  void redriveOfOneOffsetSendsItOnceAndRefusesASecondTime(KafkaCluster cluster) {
    healed = true;
    Cli.Result first = Cli.on(cluster, "events", "dlq", "redrive", DLQ, "--offset", "0");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .isEqualTo(
            "redrove 1 dead letter of "
                + DLQ
                + ": partition 0: offset 0\n"
                + "  for group dlq-it only: partition 0: offset 0\n");
    await().atMost(Duration.ofSeconds(60)).until(() -> HANDLED.contains("poison-1"));

    Cli.Result again = Cli.on(cluster, "events", "dlq", "redrive", DLQ, "--offset", "0");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(again.err())
        .startsWith("ringrift redrive: offset 0 was redriven to ringrift.training.completed-")
        .endsWith("; pass --force to send it again\n");
  }

  @Test
  @Order(4)
  void redriveAllSkipsWhatWasRedrivenAndWhatStillDoesNotDecode(KafkaCluster cluster) {
    Cli.Result all =
        Cli.on(cluster, "events", "dlq", "redrive", "ringrift.training.completed", "--all");
    Cli.Result twice = Cli.on(cluster, "events", "dlq", "redrive", DLQ, "--all");

    assertThat(all.out())
        .isEqualTo(
            "redrove 1 dead letter of "
                + DLQ
                + ": partition 0: offset 1\n"
                + "  for group dlq-it only: partition 0: offset 1\n"
                + "skipped, redriven before: partition 0: offset 0 (--force sends them again)\n"
                + "left in the DLQ, still not decodable: partition 0: offset 2"
                + " (--force sends them anyway)\n");
    assertThat(twice.out())
        .startsWith("redrove 0 dead letters of " + DLQ + "\n")
        .contains("skipped, redriven before: partition 0: offsets 0-1 (");
    await().atMost(Duration.ofSeconds(60)).until(() -> HANDLED.contains("poison-2"));
    assertThat(Cli.on(cluster, "events", "dlq", "list", "-o", "json").out())
        .contains("\"pending\" : 1");
    assertThat(Cli.on(cluster, "events", "dlq", "redrive", DLQ, "--offset", "2").err())
        .contains("offset 2 still does not decode as its topic's type");
  }

  @Test
  @Order(5)
  void eachRedrivenEventWasHandledOnce(KafkaCluster cluster) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(HANDLED).containsExactlyInAnyOrder("poison-1", "poison-2"));
    assertThat(Cli.on(cluster, "events", "dlq", "show", DLQ).out())
        .containsPattern("(?m)^0\\s+.+ringrift\\.training\\.completed-\\d@\\d+$");
  }

  @Test
  void namesWithoutADlqAndUsageErrorsAreOneLine(KafkaCluster cluster) {
    Cli.Result heartbeat = Cli.on(cluster, "events", "dlq", "show", "ringrift.daemon.heartbeat");
    Cli.Result typo = Cli.on(cluster, "events", "dlq", "show", "ringrift.trainin.completed");
    Cli.Result neither = Cli.on(cluster, "events", "dlq", "redrive", DLQ);

    assertThat(heartbeat.err())
        .isEqualTo(
            "ringrift show: ringrift.daemon.heartbeat has no dead-letter topic;"
                + " `ringrift events dlq list --all` shows the DLQs\n");
    assertThat(typo.err())
        .startsWith(
            "ringrift show: unknown topic 'ringrift.trainin.completed' (did you mean"
                + " ringrift.training.completed?)");
    assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(neither.err()).contains("Missing required argument");
  }
}
