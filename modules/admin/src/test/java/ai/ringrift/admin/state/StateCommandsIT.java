package ai.ringrift.admin.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.streams.StreamsApps;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringrift signals|circuit|models|what-if} against the real Streams apps (signal computer,
 * circuit breakers, promotion controller) on a real broker and registry; every event goes in
 * through {@code ringrift events publish}.
 */
@WithKafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateCommandsIT {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String MODELS = "hex8_2p";
  static final String BREAKERS = "square19_2p";
  @TempDir static Path dir;
  static ServiceRuntime runtime;
  static StreamsApps apps;

  @BeforeAll
  static void startTheStreamsApps(KafkaCluster cluster) throws IOException {
    ConfigSource config = ConfigSource.directory(Path.of("../../config"));
    runtime = ServiceRuntime.start("state-commands-it", RuntimeSettings.ephemeral());
    StreamsSettings settings =
        StreamsSettings.load(config, Map.of())
            .withStateDir(Files.createDirectories(dir.resolve("streams")))
            .withApplicationSuffix("-cli-it");
    apps =
        StreamsApps.start(
            ServiceMain.context(
                config, KafkaSettings.fromEnvironment(cluster.environment()), runtime),
            settings);
  }

  @AfterAll
  static void stop() {
    apps.close();
    runtime.close();
  }

  @Test
  @Order(1)
  void emptyStateSaysWhoWritesIt(KafkaCluster cluster) {
    Cli.Result signals = Cli.on(cluster, "signals", "show", "--config", "hexagonal_3p");
    Cli.Result circuits = Cli.on(cluster, "circuit", "status", "--config", "hexagonal_3p");
    Cli.Result models = Cli.on(cluster, "models", "list", "--config", "hexagonal_3p");

    assertThat(signals.exitCode()).as(signals.toString()).isZero();
    assertThat(signals.out())
        .startsWith("no signal for hexagonal_3p yet: the signal computer writes one");
    assertThat(circuits.out())
        .isEqualTo("no breaker has a history for hexagonal_3p: every (stage, config) is CLOSED\n");
    assertThat(models.out())
        .startsWith("no model registry for hexagonal_3p yet: the promotion controller writes one");
  }

  @Test
  @Order(2)
  void signalsShowTheSignalComputersViewOfAConfig(KafkaCluster cluster) throws IOException {
    publish(cluster, "SelfplayBatchCompleted", selfplayJson(MODELS, 500));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Cli.on(cluster, "signals", "show", "--config", MODELS).out())
                    .containsPattern("(?m)^CONFIG\\s+URGENCY\\s+TRAIN")
                    .containsPattern("(?m)^" + MODELS + "\\s+[A-Z]+\\s+(yes|no)\\s+"));
    assertThat(Cli.on(cluster, "signals", "show", "-o", "json").out())
        .contains("\"board\" : \"HEX8\"");
  }

  @Test
  @Order(3)
  void threeFailuresOpenTheBreakerAndAResetClosesIt(KafkaCluster cluster) throws IOException {
    for (int i = 1; i <= 3; i++) {
      publish(cluster, "TrainingFailed", failureJson(BREAKERS, i));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Cli.on(cluster, "circuit", "status").out())
                    .containsPattern(
                        BREAKERS
                            + "/training\\s+OPEN\\s+3\\s+1\\s+\\S+\\s+-\\s+\\S+\\s+out of"
                            + " memory"));

    Cli.Result reset =
        Cli.on(
            cluster,
            "circuit",
            "reset",
            "TRAINING",
            BREAKERS,
            "--reason",
            "new GPU",
            "--wait",
            "90s");

    assertThat(reset.exitCode()).as(reset.toString()).isZero();
    assertThat(reset.out())
        .startsWith(BREAKERS + "/training is CLOSED (reset by " + System.getProperty("user.name"))
        .endsWith(": new GPU)\n");
    assertThat(Cli.on(cluster, "circuit", "status", "--config", BREAKERS).out())
        .containsPattern(BREAKERS + "/training\\s+CLOSED\\s+0\\s+0");
  }

  @Test
  @Order(4)
  void theControllerPromotesAndRejectsAndTheOperatorOverrulesIt(KafkaCluster cluster)
      throws IOException {
    publish(cluster, "EvaluationCompleted", evaluationJson(MODELS, "m1", 1600, ""));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Cli.on(cluster, "models", "list", "--config", MODELS).out())
                    .containsPattern(MODELS + "\\s+m1\\s+PRODUCTION\\s+1600\\.0\\s+0\\.800"));
    publish(cluster, "TrainingCompleted", trainingJson(MODELS, "m2"));
    publish(cluster, "EvaluationCompleted", evaluationJson(MODELS, "m2", 1610, ""));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(Cli.on(cluster, "models", "list", "--config", MODELS).out())
                    .containsPattern(MODELS + "\\s+m2\\s+REJECTED"));

    Cli.Result promote =
        Cli.on(
            cluster,
            "models",
            "promote",
            "m2",
            "--config",
            MODELS,
            "--reason",
            "looks better",
            "--wait",
            "90s");
    assertThat(promote.exitCode()).as(promote.toString()).isZero();
    assertThat(promote.err()).isEqualTo("m2 is REJECTED; promoting it\n");
    assertThat(promote.out()).startsWith("ModelPromoted: model_id=m2");

    Cli.Result rollback =
        Cli.on(cluster, "models", "rollback", MODELS, "--reason", "it was not", "--wait", "90s");
    assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
    assertThat(rollback.out()).startsWith("ModelRolledBack: from_model_id=m2  to_model_id=m1");
    assertThat(Cli.on(cluster, "models", "list", "--config", MODELS).out())
        .containsPattern(MODELS + "\\s+m1\\s+PRODUCTION")
        .containsPattern(MODELS + "\\s+m2\\s+ROLLED_BACK");
  }

  @Test
  @Order(5)
  void modelErrorsAreOneLine(KafkaCluster cluster) {
    Cli.Result unknown =
        Cli.on(cluster, "models", "promote", "m9", "--config", MODELS, "--reason", "x");
    Cli.Result already =
        Cli.on(cluster, "models", "promote", "m1", "--config", MODELS, "--reason", "x");
    Cli.Result none = Cli.on(cluster, "models", "rollback", "square8_3p", "--reason", "x");
    Cli.Result noReason = Cli.on(cluster, "models", "rollback", MODELS);

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unknown.err())
        .isEqualTo(
            "ringrift promote: model 'm9' is not in the registry of "
                + MODELS
                + "; `ringrift models list --config "
                + MODELS
                + "` shows its models\n");
    assertThat(already.err())
        .isEqualTo("ringrift promote: m1 is already the production model of " + MODELS + "\n");
    assertThat(none.err())
        .isEqualTo(
            "ringrift rollback: square8_3p has no model registry yet; `ringrift models list`"
                + " shows the configs that do\n");
    assertThat(noReason.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noReason.err()).contains("Missing required option: '--reason=<reason>'");
  }

  @Test
  @Order(6)
  void whatIfReplaysTheRecordedEvaluationsUnderOtherRules(KafkaCluster cluster) {
    Cli.Result live = Cli.on(cluster, "what-if", "promotion", "--timeout", "90s");
    Cli.Result noCooldown =
        Cli.on(cluster, "what-if", "promotion", "--set", "cooldownSeconds=0", "--timeout", "90s");

    assertThat(live.exitCode()).as(live.toString()).isZero();
    assertThat(live.out())
        .startsWith("what-if (the live thresholds): 2 evaluations replayed, 1 promoted, 1 rejected")
        .containsPattern(MODELS + "\\s+m1\\s+PROMOTED")
        .containsPattern(MODELS + "\\s+m2\\s+rejected\\s+cooldown\\s+\\d+\\.\\d+\\s+300\\.000")
        .contains("  " + MODELS + ": m1\n");
    assertThat(noCooldown.out())
        .contains("{cooldownSeconds=0}")
        .containsPattern(MODELS + "\\s+m2\\s+rejected\\s+elo_gain\\s+10\\.000\\s+25\\.000");
  }

  @Test
  @Order(7)
  void stateCommandsFindTheRegistryWithoutRegistryUrl(KafkaCluster cluster) throws IOException {
    Path config = Files.createDirectories(dir.resolve("config-with-registry"));
    try (var files = Files.list(Path.of("../../config"))) {
      for (Path file : files.toList()) {
        Files.copy(file, config.resolve(file.getFileName()));
      }
    }
    Path client = config.resolve("client.yaml");
    Files.writeString(
        client, Files.readString(client).replace("http://localhost:8081", cluster.registryUrl()));

    Cli.Result models =
        Cli.against(
            cluster.bootstrapServers(),
            "models",
            "list",
            "--config",
            MODELS,
            "--config-dir",
            config.toString());
    Cli.Result signals =
        Cli.against(
            cluster.bootstrapServers(),
            "signals",
            "show",
            "--config",
            MODELS,
            "--config-dir",
            config.toString());

    assertThat(models.exitCode()).as(models.toString()).isZero();
    assertThat(models.out()).containsPattern(MODELS + "\\s+m1\\s+PRODUCTION");
    assertThat(models.err()).isEmpty();
    assertThat(signals.exitCode()).as(signals.toString()).isZero();
    assertThat(signals.out()).containsPattern("(?m)^" + MODELS + "\\s+[A-Z]+\\s+(yes|no)\\s+");
  }

  @Test
  @Order(8)
  void aStateRecordThatDoesNotDecodeFailsTheCommandNamingCauseAndFix(KafkaCluster cluster)
      throws Exception {
    String topic = "ringrift.state.models";
    RecordMetadata plain =
        sendRaw(
            cluster,
            topic,
            "hexagonal_4p",
            EventSerdes.plainAvro(cluster.catalog())
                .value(ModelRegistryEntry.class)
                .serializer()
                .serialize(
                    topic,
                    SampleEvents.of(
                        ModelRegistryEntry.class, ConfigKeys.parse("hexagonal_4p"), 1)));
    RecordMetadata garbage =
        sendRaw(cluster, topic, "square19_4p", "not avro".getBytes(StandardCharsets.UTF_8));

    Cli.Result otherFormat = Cli.on(cluster, "models", "list", "--config", "hexagonal_4p");
    Cli.Result corrupt = Cli.on(cluster, "models", "list", "--config", "square19_4p");
    Cli.Result all = Cli.on(cluster, "models", "list");

    assertThat(otherFormat.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(otherFormat.out()).isEmpty();
    assertThat(otherFormat.err())
        .isEqualTo(
            "ringrift list: cannot read state record hexagonal_4p of "
                + topic
                + " (partition "
                + plain.partition()
                + ", offset "
                + plain.offset()
                + "): topic "
                + topic
                + " holds plain Avro (the datum alone) but this client reads Confluent-framed Avro"
                + " (byte 0 and a schema id before the datum); every reader and writer of a"
                + " deployment must use one format: set wire.format (config/client.yaml, or"
                + " RINGRIFT_WIRE_FORMAT) to registry where these records are written, or to plain"
                + " here if the whole deployment is plain\n");
    assertThat(corrupt.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(corrupt.err().lines()).hasSize(1);
    assertThat(corrupt.err())
        .startsWith(
            "ringrift list: cannot decode state record square19_4p of "
                + topic
                + " (partition "
                + garbage.partition()
                + ", offset "
                + garbage.offset()
                + ") with the registry at "
                + cluster.registryUrl()
                + ": ")
        .endsWith(
            "; point --registry-url (or RINGRIFT_SCHEMA_REGISTRY_URL) at the registry the platform"
                + " writes with, or update this checkout if the platform runs newer schemas\n");
    assertThat(all.exitCode()).as("never a table without the record").isEqualTo(ExitCodes.FAILURE);
    assertThat(all.out()).isEmpty();
  }

  static RecordMetadata sendRaw(KafkaCluster cluster, String topic, String key, byte[] value)
      throws Exception {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer
          .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }

  @Test
  void stateErrorsAreOneLine(KafkaCluster cluster) {
    Cli.Result badKey = Cli.on(cluster, "signals", "show", "--config", "sq8");
    Cli.Result badStage = Cli.on(cluster, "circuit", "reset", "cooking", BREAKERS, "--reason", "x");
    Cli.Result badSet = Cli.on(cluster, "what-if", "promotion", "--set", "cooldown=1");
    Cli.Result unreachable = Cli.against("localhost:1", "models", "list");

    assertThat(badKey.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(badKey.err()).startsWith("ringrift show: --config 'sq8' is not a config key");
    assertThat(badStage.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badStage.err()).contains("Invalid value for positional parameter at index 0");
    assertThat(badSet.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(badSet.err().lines()).hasSize(1);
    assertThat(badSet.err())
        .startsWith("ringrift promotion: --set ")
        .contains("cooldown")
        .endsWith("; the keys are those of config/promotion.yaml\n");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unreachable.err()).startsWith("ringrift list: cannot reach Kafka at localhost:1");
  }

  static void publish(KafkaCluster cluster, String type, String json) throws IOException {
    Path file = Files.writeString(Files.createTempFile(dir, type, ".json"), json);
    Cli.Result result = Cli.on(cluster, "events", "publish", type, "--json", file.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  static String selfplayJson(String config, int games) {
    return """
        {"config": "%s", "node": "selfplay-1", "games_completed": %d, "total_games": %d,
         "games_path": "/data/games/%s"}"""
        .formatted(config, games, games, config);
  }

  static String trainingJson(String config, String model) {
    return """
        {"config": "%s", "job_id": "job-%s", "model_id": "%s", "model_path": "/models/%s.pth",
         "epochs": 20, "final_loss": 0.5, "samples_trained": 85000}"""
        .formatted(config, model, model, model);
  }

  static String failureJson(String config, int attempt) {
    return """
        {"config": "%s", "job_id": "job-%d", "error": "out of memory", "attempt": %d}"""
        .formatted(config, attempt, attempt);
  }

  static String evaluationJson(String config, String model, double elo, String extra) {
    return """
        {"config": "%s", "model_id": "%s", "model_path": "/models/%s.pth", "elo": %s,
         "games_played": 200, "win_rate": 0.8%s,
         "baselines": [
           {"baseline": "RANDOM", "baseline_elo": 400, "games": 100, "wins": 97, "losses": 3,
            "win_rate": 0.97},
           {"baseline": "HEURISTIC", "baseline_elo": 900, "games": 100, "wins": 92, "losses": 8,
            "win_rate": 0.92}]}"""
        .formatted(config, model, model, elo, extra);
  }
}
