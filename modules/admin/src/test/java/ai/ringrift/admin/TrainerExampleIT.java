package ai.ringrift.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EvaluationFailed;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer example of docs/trainer-authors.md, run as a user runs it: the command line copied
 * from the page (a child {@code java} launching the example's source file, only the broker's port
 * changed) against a running {@code ringrift up}, with nothing else set but where {@code up} put
 * its registry. The platform handles the example's events (its model is evaluated and a promotion
 * decision follows) and no dead-letter topic receives anything. The same command in plain mode
 * stops at once, in one line naming the setting, and writes nothing.
 */
class TrainerExampleIT {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  static final Pattern COMMAND =
      Pattern.compile(
          "(?m)^java -cp \"\\$\\(cat [^\\n]*\\\\\\n[^\\n]*TrainerExample\\.java [^\\n]*$");
  static final String SOURCE = "trainer@gpu-node-3";
  static final Duration DEADLINE = Duration.ofSeconds(180);

  @TempDir Path dir;

  @Test
  void theDocumentedCommandIsHandledByUpAndDeadLettersNothing() throws Exception {
    UpCommandProcessIT.Running up = UpCommandProcessIT.Running.start(dir);
    try {
      KafkaSettings kafka = KafkaSettings.of(up.bootstrap).withSchemaRegistry(up.registryUrl());
      EventHistory history = new EventHistory(kafka, TopicCatalog.packaged(), up.serdes());

      Child example =
          run(
              documentedCommand(up.bootstrap),
              Map.of("RINGRIFT_SCHEMA_REGISTRY_URL", up.registryUrl()));

      assertThat(example.exitCode()).as(example.toString()).isZero();
      assertThat(example.out()).contains("handled: [").contains("completed model-42");
      TrainingCompleted completed =
          await()
              .atMost(DEADLINE)
              .until(() -> fromTheExample(history, TrainingCompleted.class), Optional::isPresent)
              .orElseThrow();
      String trainingId = completed.getHeader().getEventId();
      // the evaluation stage plays the candidate's gauntlet: in `up` the example's model file does
      // not exist (the example trains nothing), so the stage reports EvaluationFailed for it; a
      // model it could read would be judged by the promotion controller
      SpecificRecord evaluated =
          await()
              .atMost(DEADLINE)
              .until(() -> evaluationOf(history, trainingId), Optional::isPresent)
              .orElseThrow();
      if (evaluated instanceof EvaluationCompleted evaluation) {
        String evaluationId = evaluation.getHeader().getEventId();
        await()
            .atMost(DEADLINE)
            .until(
                () ->
                    latest(history, ModelPromoted.class).stream()
                            .anyMatch(e -> evaluationId.equals(e.getEvaluationEventId()))
                        || latest(history, PromotionRejected.class).stream()
                            .anyMatch(e -> evaluationId.equals(e.getEvaluationEventId())));
      } else {
        assertThat(((EvaluationFailed) evaluated).getModelId()).isEqualTo("model-42");
      }
      assertThat(deadLetters(up.bootstrap)).as("records in the dead-letter topics").isZero();

      Child plain = run(documentedCommand(up.bootstrap), Map.of("RINGRIFT_WIRE_FORMAT", "plain"));

      assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
      assertThat(plain.err().lines())
          .as(plain.toString())
          .singleElement()
          .asString()
          .startsWith("TrainerExample: subscriber dashboard-example uses plain Avro")
          .contains("set wire.format (config/client.yaml, or RINGRIFT_WIRE_FORMAT) to registry");
      assertThat(plain.out()).doesNotContain("published");
      assertThat(countFromTheExample(history, TrainingStarted.class)).isEqualTo(1);
      assertThat(countFromTheExample(history, TrainingCompleted.class)).isEqualTo(1);
      assertThat(deadLetters(up.bootstrap)).as("records in the dead-letter topics").isZero();
    } catch (AssertionError | RuntimeException e) {
      List<String> lines = up.output;
      System.out.println(
          "ringrift up printed (last 200 lines):\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size())));
      throw e;
    } finally {
      up.stop();
    }
  }

  /** The example's command line as docs/trainer-authors.md shows it, on {@code bootstrap}. */
  static String documentedCommand(String bootstrap) throws IOException {
    String page = Files.readString(ROOT.resolve("docs/trainer-authors.md"));
    Matcher command = COMMAND.matcher(page);
    assertThat(command.find()).as("the example's command in docs/trainer-authors.md").isTrue();
    assertThat(command.group()).contains("localhost:9092");
    return command.group().replace("localhost:9092", bootstrap);
  }

  /** What a child process printed and returned. */
  record Child(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs {@code command} in bash at the checkout's root, as a user's shell would. */
  static Child run(String command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile());
    // the same JDK as this test, first on the PATH; the user's other settings stay out
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("RINGRIFT_"));
    environment.put(
        "PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
    environment.putAll(env);
    Path out = Files.createTempFile("trainer-example", ".out");
    Path err = Files.createTempFile("trainer-example", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "the example did not end within "
              + DEADLINE
              + ":\n"
              + Files.readString(out)
              + Files.readString(err));
    }
    return new Child(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The evaluation stage's answer to the training event {@code trainingId}, if it gave one. */
  static Optional<SpecificRecord> evaluationOf(EventHistory history, String trainingId) {
    Optional<SpecificRecord> completed =
        latest(history, EvaluationCompleted.class).stream()
            .filter(e -> trainingId.equals(e.getTrainingEventId()))
            .map(SpecificRecord.class::cast)
            .findFirst();
    return completed.or(
        () ->
            latest(history, EvaluationFailed.class).stream()
                .filter(e -> trainingId.equals(e.getHeader().getCausationId()))
                .map(SpecificRecord.class::cast)
                .findFirst());
  }

  static <T extends SpecificRecord> List<T> latest(EventHistory history, Class<T> type) {
    return history.recentEvents(type, 500).stream().map(RecordedEvent::event).toList();
  }

  static <T extends SpecificRecord> Optional<T> fromTheExample(
      EventHistory history, Class<T> type) {
    return latest(history, type).stream().filter(TrainerExampleIT::fromTheExample).findFirst();
  }

  static <T extends SpecificRecord> long countFromTheExample(EventHistory history, Class<T> type) {
    return latest(history, type).stream().filter(TrainerExampleIT::fromTheExample).count();
  }

  static boolean fromTheExample(SpecificRecord event) {
    return event.toString().contains("\"source\": \"" + SOURCE + "\"");
  }

  /** Records in every dead-letter topic of the catalog. */
  static long deadLetters(String bootstrap) {
    List<TopicPartition> partitions = new ArrayList<>();
    TopicCatalog.packaged().topics().stream()
        .filter(t -> t.kind() == TopicKind.DLQ)
        .forEach(
            t -> {
              for (int p = 0; p < t.partitions(); p++) {
                partitions.add(new TopicPartition(t.name(), p));
              }
            });
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Map<TopicPartition, Long> begins =
          consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
      return partitions.stream().mapToLong(p -> ends.get(p) - begins.get(p)).sum();
    }
  }
}
