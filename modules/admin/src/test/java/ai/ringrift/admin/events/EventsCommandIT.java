package ai.ringrift.admin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringrift events publish|recent|tail|replay} against a real broker and registry. */
@WithKafkaCluster
class EventsCommandIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void publishedJsonComesBackDecodedAndItsJsonPublishesAgain(KafkaCluster cluster)
      throws IOException {
    Path file =
        write(
            "events.json",
            training("square19_2p", "m-1", 20)
                + "\n"
                + "{\"config\": {\"board\": \"SQUARE19\", \"players\": 2}, \"jobId\": \"j\","
                + " \"modelId\": \"m-2\", \"modelPath\": \"/m/2\", \"epochs\": 5,"
                + " \"finalLoss\": 0.3, \"samplesTrained\": 10}");

    Cli.Result publish =
        Cli.on(cluster, "events", "publish", "TrainingCompleted", "--json", file.toString());

    assertThat(publish.exitCode()).as(publish.toString()).isZero();
    assertThat(publish.out().lines().filter(l -> l.startsWith("TrainingCompleted"))).hasSize(2);
    Cli.Result recent = Cli.on(cluster, "events", "recent", "TrainingCompleted", "-n", "10");
    assertThat(recent.out())
        .containsPattern("TrainingCompleted  square19_2p  job_id=j  model_id=m-1  .*epochs=20")
        .contains("model_id=m-2");

    Cli.Result json =
        Cli.on(cluster, "events", "recent", "ringrift.training.completed", "-o", "json");
    Path again = write("again.json", json.out());
    Cli.Result republish =
        Cli.on(
            cluster,
            "events",
            "publish",
            "TrainingCompleted",
            "--json",
            again.toString(),
            "--dry-run");
    assertThat(republish.exitCode()).as(republish.toString()).isZero();
    assertThat(republish.out())
        .contains("\"model_id\" : \"m-2\"")
        .contains(" valid, nothing published");
  }

  @Test
  void oneBadEventPublishesNothingAndNamesTheField(KafkaCluster cluster) throws Exception {
    Path file =
        write(
            "bad.json",
            "["
                + training("hex8_4p", "ok", 1)
                + ", "
                + training("hex8_4p", "bad", 1).replace("\"epochs\": 1", "\"epochs\": \"one\"")
                + "]");
    long before = endOffsets(cluster, "ringrift.training.completed");

    Cli.Result result =
        Cli.on(cluster, "events", "publish", "TrainingCompleted", "--json", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err())
        .isEqualTo(
            "ringrift publish: "
                + file
                + ": event 2 (TrainingCompleted): field 'epochs': expected an int, got string"
                + " \"one\"; fix the JSON (`ringrift events publish TrainingCompleted --json FILE"
                + " --dry-run` checks it)\n");
    assertThat(endOffsets(cluster, "ringrift.training.completed")).isEqualTo(before);
  }

  @Test
  void inputThatIsNotJsonAndUnknownTypesAreOneLine(KafkaCluster cluster) throws IOException {
    Path file = write("oops.json", "{\"config\": \"square8_2p\",\n oops}");

    Cli.Result notJson =
        Cli.on(cluster, "events", "publish", "TrainingCompleted", "--json", file.toString());
    Cli.Result unknown =
        Cli.on(cluster, "events", "publish", "TrainingComplete", "--json", file.toString());

    assertThat(notJson.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(notJson.err())
        .startsWith("ringrift publish: " + file + " is not valid JSON at line 2");
    assertThat(unknown.err())
        .isEqualTo(
            "ringrift publish: unknown event type 'TrainingComplete' (did you mean"
                + " TrainingCompleted?); `ringrift topics list` shows every type (VALUE) and its"
                + " topic\n");
  }

  @Test
  void publishReadsStandardInput(KafkaCluster cluster) {
    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              training("square8_4p", "from-stdin", 3).getBytes(StandardCharsets.UTF_8)));
      Cli.Result result =
          Cli.on(cluster, "events", "publish", "TrainingCompleted", "--json", "-", "-o", "json");
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out()).contains("\"key\" : \"square8_4p\"");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void tailFollowsOneConfigFromTheBeginningAndLive(KafkaCluster cluster) throws Exception {
    publish(cluster, "hex8_3p", "t-1");
    publish(cluster, "hexagonal_3p", "other");
    publish(cluster, "hex8_3p", "t-2");

    Cli.Result history =
        Cli.on(
            cluster,
            "events",
            "tail",
            "TrainingCompleted",
            "--config",
            "hex8_3p",
            "--from-beginning",
            "--max",
            "2",
            "--timeout",
            "60s",
            "-o",
            "json");

    assertThat(history.exitCode()).as(history.toString()).isZero();
    List<JsonNode> lines = history.out().lines().map(EventsCommandIT::parse).toList();
    assertThat(lines)
        .extracting(l -> l.at("/event/model_id").asText())
        .containsExactly("t-1", "t-2");
    assertThat(history.err()).contains("following ringrift.training.completed from the beginning");
    Cli.Result lastHour =
        Cli.on(
            cluster,
            "events",
            "tail",
            "TrainingCompleted",
            "--config",
            "hex8_3p",
            "--since",
            "1h",
            "--max",
            "2",
            "--timeout",
            "60s");
    assertThat(lastHour.out()).contains("model_id=t-1", "model_id=t-2").doesNotContain("other");
    assertThat(Cli.on(cluster, "events", "tail", "TrainingCompleted", "--since", "soon").exitCode())
        .isEqualTo(ExitCodes.USAGE);

    CompletableFuture<Cli.Result> live =
        CompletableFuture.supplyAsync(
            () ->
                Cli.on(
                    cluster,
                    "events",
                    "tail",
                    "TrainingCompleted",
                    "--config",
                    "hex8_3p",
                    "--max",
                    "1",
                    "--timeout",
                    "60s"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              publish(cluster, "hex8_3p", "live");
              return live.isDone();
            });
    assertThat(live.get().out()).contains("model_id=live").doesNotContain("t-1");
  }

  @Test
  void tailErrorsAreOneLine(KafkaCluster cluster) {
    Cli.Result none =
        Cli.on(
            cluster,
            "events",
            "tail",
            "TrainingFailed",
            "--config",
            "square19_4p",
            "--max",
            "2",
            "--timeout",
            "2s");
    Cli.Result badKey = Cli.on(cluster, "events", "tail", "TrainingFailed", "--config", "sq8");
    Cli.Result notByConfig =
        Cli.on(cluster, "events", "tail", "DaemonHeartbeat", "--config", "square8_2p");

    assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(none.err()).endsWith("ringrift tail: saw 0 of 2 TrainingFailed events within 2 s\n");
    assertThat(badKey.err()).startsWith("ringrift tail: --config 'sq8' is not a config key");
    assertThat(notByConfig.err())
        .startsWith("ringrift tail: ringrift.daemon.heartbeat is keyed by NODE, not by config");
  }

  @Test
  void replayCopiesIntoAnExistingTopicWithAProgressBar(KafkaCluster cluster) throws Exception {
    publish(cluster, "square19_3p", "r-1");
    publish(cluster, "square19_3p", "r-2");
    String target = cluster.newTopic("replay", 2);

    Cli.Result replay =
        Cli.on(
            cluster,
            "events",
            "replay",
            "TrainingCompleted",
            "--since",
            "1h",
            "--to-topic",
            target,
            "--config",
            "square19_3p");

    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    assertThat(replay.out()).contains("replayed 2 TrainingCompleted events since").contains(target);
    assertThat(replay.err()).contains("] 100%");
    assertThat(endOffsets(cluster, target)).isEqualTo(2);
  }

  @Test
  void replayRefusesALiveTopicAndAMissingOne(KafkaCluster cluster) {
    Cli.Result live =
        Cli.on(
            cluster,
            "events",
            "replay",
            "TrainingCompleted",
            "--since",
            "1h",
            "--to-topic",
            "ringrift.evaluation.completed");
    Cli.Result missing =
        Cli.on(
            cluster,
            "events",
            "replay",
            "TrainingCompleted",
            "--since",
            "1h",
            "--to-topic",
            "scratch.nowhere");

    assertThat(live.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(live.err())
        .startsWith("ringrift replay: ringrift.evaluation.completed is a live catalog topic")
        .contains("pass --force");
    assertThat(missing.err())
        .startsWith("ringrift replay: topic scratch.nowhere does not exist; create it first");
  }

  @Test
  void anUnreachableBrokerIsOneLine() {
    Cli.Result result = Cli.against("localhost:1", "events", "recent");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("ringrift recent: cannot reach Kafka at localhost:1");
  }

  void publish(KafkaCluster cluster, String config, String model) throws IOException {
    Path file = write(model + "-" + System.nanoTime() + ".json", training(config, model, 1));
    Cli.Result result =
        Cli.on(cluster, "events", "publish", "TrainingCompleted", "--json", file.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  static String training(String config, String model, int epochs) {
    return "{\"config\": \""
        + config
        + "\", \"job_id\": \"j\", \"model_id\": \""
        + model
        + "\", \"model_path\": \"/m/"
        + model
        + "\", \"epochs\": "
        + epochs
        + ", \"final_loss\": 0.4, \"samples_trained\": 1000}";
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  static long endOffsets(KafkaCluster cluster, String topic) {
    try (var consumer =
        new KafkaConsumer<>(
            cluster.consumerConfig("offsets"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      return ends.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
