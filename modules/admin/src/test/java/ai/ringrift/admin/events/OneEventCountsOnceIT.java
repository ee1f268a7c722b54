package ai.ringrift.admin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.up.ConfigProgress;
import ai.ringrift.admin.up.LoopTally;
import ai.ringrift.admin.up.LoopWatcher;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.simulation.SimulatedActions;
import ai.ringrift.simulation.SimulatedModel;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.streams.StreamsApps;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's cases on a real broker, through the command line as an operator types it, with the
 * three Streams apps running: an event published twice (or three times) with one {@code event_id}
 * counts once in the signals, the breakers and the {@code up} progress table; a dead letter of the
 * evaluation stage, redriven, is evaluated once and changes nothing in the other consumers.
 */
@WithKafkaCluster
class OneEventCountsOnceIT {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SUFFIX = "-once-it";

  @TempDir static Path dir;
  static ConfigSource config;
  static ServiceRuntime runtime;
  static ServiceContext context;
  static StreamsSettings streams;
  static StreamsApps apps;
  static LoopTally tally;

  @BeforeAll
  static void startTheStreamsApps(KafkaCluster cluster) throws IOException {
    config = ConfigSource.directory(Path.of("../../config"));
    runtime = ServiceRuntime.start("once-it", RuntimeSettings.ephemeral());
    context =
        ServiceMain.context(config, KafkaSettings.fromEnvironment(cluster.environment()), runtime);
    streams =
        StreamsSettings.load(config, Map.of())
            .withStateDir(Files.createDirectories(dir.resolve("streams")))
            .withApplicationSuffix(SUFFIX);
    apps = StreamsApps.start(context, streams);
    tally = new LoopTally(List.of("hexagonal_4p"));
    runtime.manage(LoopWatcher.start(context, tally, line -> {}));
  }

  @AfterAll
  static void stop() {
    apps.close();
    runtime.close();
  }

  @Test
  void aSelfplayBatchDeliveredTwiceCountsItsGamesOnce(KafkaCluster cluster) throws Exception {
    String json =
        """
        {"header": {"event_id": "%s"}, "config": "hexagonal_4p", "node": "gpu-1",
         "games_completed": 100, "total_games": 100, "games_path": "/data/games/hexagonal_4p",
         "duration_seconds": 600}"""
            .formatted(UUID.randomUUID());

    JsonNode first = publish(cluster, "SelfplayBatchCompleted", json);
    JsonNode copy = publish(cluster, "SelfplayBatchCompleted", json);
    awaitHandledBy(cluster, streams.applications().signalComputer(), copy);

    assertThat(copy.path("eventId").asText()).isEqualTo(first.path("eventId").asText());
    assertThat(copy.path("offset").asLong()).isGreaterThan(first.path("offset").asLong());
    JsonNode signal =
        only(Cli.on(cluster, "signals", "show", "--config", "hexagonal_4p", "-o", "json"));
    assertThat(signal.path("new_games").asInt()).isEqualTo(100);
    await().atMost(WAIT).untilAsserted(() -> assertThat(progress().games()).isEqualTo(100));
  }

  @Test
  void aSyncFailureDeliveredThreeTimesIsOneFailureAndTheBreakerStaysClosed(KafkaCluster cluster)
      throws Exception {
    String json =
        """
        {"header": {"event_id": "%s"}, "config": "square19_4p", "source_node": "gpu-1",
         "targets": ["training-1"], "sync_type": "GAMES", "error": "rsync: connection reset",
         "attempt": 1}"""
            .formatted(UUID.randomUUID());

    JsonNode last = null;
    for (int i = 0; i < 3; i++) {
      last = publish(cluster, "DataSyncFailed", json);
    }
    awaitHandledBy(cluster, streams.applications().circuitBreakers(), last);

    JsonNode breaker =
        only(Cli.on(cluster, "circuit", "status", "--config", "square19_4p", "-o", "json"));
    assertThat(breaker.path("stage").asText()).isEqualTo("SYNC");
    assertThat(breaker.path("status").asText()).isEqualTo("CLOSED");
    assertThat(breaker.path("consecutive_failures").asInt()).isEqualTo(1);
  }

  /**
   * The evaluation stage gave up on a training (its subscriber wrote the dead letter and committed
   * past it; here the test writes both, with the headers the subscriber writes), while the other
   * consumers applied it. After it, more games and two training failures arrive. Redriven, the
   * training is evaluated once, and the signal computer still counts the games since it (a second
   * training would reset them), the training breaker still counts two failures (a second success
   * would reset them) and the registry lists the candidate once.
   */
  @Test
  void aDeadLetterOfTheEvaluationStageRedrivenIsEvaluatedOnceAndChangesNothingElse(
      KafkaCluster cluster) throws Exception {
    String key = "hex8_4p";
    Path model = dir.resolve("models/cand-1.pth");
    Files.createDirectories(model.getParent());
    new SimulatedModel("cand-1", key, 1400, 20_000, "").write(model, 256);
    JsonNode trained =
        publish(
            cluster,
            "TrainingCompleted",
            """
            {"config": "%s", "job_id": "job-1", "model_id": "cand-1", "model_path": "%s",
             "epochs": 20, "final_loss": 0.5, "samples_trained": 20000}"""
                .formatted(key, model));
    String group = "once-it.stage." + EvaluationService.NAME;
    giveUp(cluster, group, trained);
    publish(
        cluster,
        "SelfplayBatchCompleted",
        """
        {"config": "%s", "node": "gpu-1", "games_completed": 150, "total_games": 150,
         "games_path": "/data/games", "duration_seconds": 60}"""
            .formatted(key));
    JsonNode lastFailure = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      lastFailure =
          publish(
              cluster,
              "TrainingFailed",
              """
              {"config": "%s", "job_id": "job-%d", "error": "out of memory", "attempt": %d}"""
                  .formatted(key, attempt + 1, attempt));
    }
    awaitHandledBy(cluster, streams.applications().circuitBreakers(), lastFailure);
    await()
        .atMost(WAIT)
        .until(
            () ->
                only(Cli.on(cluster, "signals", "show", "--config", key, "-o", "json"))
                        .path("new_games")
                        .asInt()
                    == 150);

    try (ServiceRuntime stageRuntime =
            ServiceRuntime.start("once-it-evaluation", RuntimeSettings.ephemeral());
        StageSupport support =
            StageSupport.open(
                ServiceMain.context(config, context.kafka(), stageRuntime),
                "once-it.stage.",
                Clock.systemUTC());
        EvaluationService evaluation = evaluation(support)) {
      Cli.Result redrive =
          Cli.on(
              cluster,
              "events",
              "dlq",
              "redrive",
              "ringrift.training.completed",
              "--all",
              "-o",
              "json");
      assertThat(redrive.exitCode()).as(redrive.toString()).isZero();
      JsonNode sent = JSON.readTree(redrive.out()).path("sent");
      assertThat(sent.size()).as(redrive.out()).isEqualTo(1);
      assertThat(sent.get(0).path("forGroup").asText()).isEqualTo(group);

      String trigger = trained.path("eventId").asText();
      await()
          .atMost(WAIT)
          .until(() -> evaluationsOf(trigger) == 1 && runsStarted(key, trigger) == 1);
      JsonNode redriven = position(sent.get(0).path("to").asText());
      for (String app :
          List.of(
              streams.applications().signalComputer(),
              streams.applications().circuitBreakers(),
              streams.applications().promotionController())) {
        awaitHandledBy(cluster, app, redriven);
      }
      awaitHandledBy(cluster, group, redriven);

      assertThat(evaluationsOf(trigger)).as("evaluated once").isEqualTo(1);
      assertThat(runsStarted(key, trigger)).as("one evaluation run").isEqualTo(1);
    }
    assertThat(
            only(Cli.on(cluster, "signals", "show", "--config", key, "-o", "json"))
                .path("new_games")
                .asInt())
        .as("the games since the training still count: the training was not applied again")
        .isEqualTo(150);
    JsonNode training =
        JSON.readTree(Cli.on(cluster, "circuit", "status", "--config", key, "-o", "json").out());
    assertThat(training.findValuesAsText("stage")).contains("TRAINING");
    for (JsonNode breaker : training) {
      if (breaker.path("stage").asText().equals("TRAINING")) {
        assertThat(breaker.path("consecutive_failures").asInt())
            .as("the two failures since the training still count")
            .isEqualTo(2);
      }
    }
    assertThat(Cli.on(cluster, "models", "list", "--config", key).out().lines())
        .as("the registry lists the candidate once")
        .filteredOn(row -> row.startsWith(key + " "))
        .singleElement()
        .asString()
        .containsPattern("^" + key + "\\s+cand-1\\s");
  }

  /** {@code ringrift events publish TYPE --json} of {@code json}; returns what was published. */
  static JsonNode publish(KafkaCluster cluster, String type, String json) throws IOException {
    Path file = Files.writeString(Files.createTempFile(dir, type, ".json"), json);
    Cli.Result result =
        Cli.on(cluster, "events", "publish", type, "--json", file.toString(), "-o", "json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return only(result);
  }

  static JsonNode only(Cli.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode node = JSON.readTree(result.out());
    assertThat(node.size()).as(result.out()).isEqualTo(1);
    return node.get(0);
  }

  /** Waits until {@code group} committed past the published record {@code sent}. */
  static void awaitHandledBy(KafkaCluster cluster, String group, JsonNode sent) {
    TopicPartition partition =
        new TopicPartition(sent.path("topic").asText(), sent.path("partition").asInt());
    long offset = sent.path("offset").asLong();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              OffsetAndMetadata at =
                  cluster
                      .admin()
                      .listConsumerGroupOffsets(group)
                      .partitionsToOffsetAndMetadata()
                      .get()
                      .get(partition);
              return at != null && at.offset() > offset;
            });
  }

  /**
   * What the evaluation stage's subscriber does when it gives up on a record: the record, its
   * headers and the {@code ringrift.dlq.*} ones into the topic's DLQ, and its offset committed past
   * (here before the stage first starts).
   */
  static void giveUp(KafkaCluster cluster, String group, JsonNode published) throws Exception {
    String topic = published.path("topic").asText();
    int partition = published.path("partition").asInt();
    long offset = published.path("offset").asLong();
    ConsumerRecord<String, byte[]> record =
        TopicSnapshot.read(
                context.kafka(), topic, new StringDeserializer(), new ByteArrayDeserializer(), WAIT)
            .stream()
            .filter(r -> r.partition() == partition && r.offset() == offset)
            .findFirst()
            .orElseThrow();
    ProducerRecord<byte[], byte[]> dead =
        new ProducerRecord<>(
            topic + ".dlq",
            0,
            record.key().getBytes(StandardCharsets.UTF_8),
            record.value(),
            record.headers());
    Map.of(
            DeadLetterHeaders.ORIGINAL_TOPIC,
            topic,
            DeadLetterHeaders.ORIGINAL_PARTITION,
            Integer.toString(partition),
            DeadLetterHeaders.ORIGINAL_OFFSET,
            Long.toString(offset),
            DeadLetterHeaders.ORIGINAL_TIMESTAMP,
            Long.toString(record.timestamp()),
            DeadLetterHeaders.EXCEPTION_CLASS,
            "java.io.IOException",
            DeadLetterHeaders.EXCEPTION_MESSAGE,
            "gauntlet host unreachable",
            DeadLetterHeaders.ATTEMPTS,
            "5",
            DeadLetterHeaders.REASON,
            "RETRIES_EXHAUSTED",
            DeadLetterHeaders.SUBSCRIBER,
            group)
        .forEach((name, value) -> dead.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(dead).get();
    }
    Map<TopicPartition, OffsetAndMetadata> past =
        Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(offset + 1));
    cluster.admin().alterConsumerGroupOffsets(group, past).all().get();
  }

  static EvaluationService evaluation(StageSupport support) {
    StageSettings s = StageSettings.load(config);
    // the simulated gauntlet: the shipped COMMAND runs RingRift's own script, not here
    return new EvaluationService(
            s.evaluation().withAction(new ActionSpec(ActionKind.SIMULATION, null)),
            s.runs(),
            Actions.none().with(SimulatedActions.of(SimulationSettings.load(config))),
            support)
        .start();
  }

  static JsonNode position(String to) {
    int at = to.lastIndexOf('@');
    int dash = to.lastIndexOf('-', at);
    return JSON.createObjectNode()
        .put("topic", to.substring(0, dash))
        .put("partition", Integer.parseInt(to.substring(dash + 1, at)))
        .put("offset", Long.parseLong(to.substring(at + 1)));
  }

  static long evaluationsOf(String trigger) throws Exception {
    return TopicSnapshot.read(
            context.kafka(),
            "ringrift.evaluation.completed",
            new StringDeserializer(),
            context.serdes().value(EvaluationCompleted.class).deserializer(),
            WAIT)
        .stream()
        .filter(r -> trigger.equals(r.value().getHeader().getCausationId()))
        .count();
  }

  static long runsStarted(String config, String trigger) throws Exception {
    return TopicSnapshot.read(
            context.kafka(),
            "ringrift.state.stage-runs",
            new StringDeserializer(),
            context.serdes().value(StageRun.class).deserializer(),
            WAIT)
        .stream()
        .map(ConsumerRecord::value)
        .filter(
            r ->
                ConfigKeys.format(r.getConfig()).equals(config)
                    && r.getStage() == Stage.EVALUATION
                    && r.getStatus() == RunStatus.STARTED
                    && r.getTriggerEventId().equals(trigger))
        .count();
  }

  static ConfigProgress progress() {
    return tally.snapshot().get(0);
  }
}
