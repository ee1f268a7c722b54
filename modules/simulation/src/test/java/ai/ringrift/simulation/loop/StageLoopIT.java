package ai.ringrift.simulation.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.PipelineFailed;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.simulation.SimulatedActions;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.simulation.cluster.SimulatedCluster;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.evaluation.EvaluationConfig;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.streams.StreamsApps;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages with the Streams apps on a real broker: the whole simulated loop of one config from
 * selfplay to a promoted model that selfplay then plays with; and a failing action that opens its
 * breaker, after which the stage starts it again only as the half-open probe.
 */
@WithKafkaCluster
class StageLoopIT {
  static final Duration LOOP_DEADLINE = Duration.ofSeconds(120);

  @TempDir static Path dir;
  static ServiceRuntime runtime;
  static ServiceContext context;
  static StreamsApps apps;

  @BeforeAll
  static void startStreamsApps(KafkaCluster cluster) {
    // the evaluation breaker recovers in 2 s instead of 300 s, so the test sees its probes
    ConfigSource config =
        ItSupport.configCopy(
            dir.resolve("config"),
            Map.of(
                "circuit-breakers.yaml",
                t -> t.replace("  stages: {}", "  stages:\n    EVALUATION: {recoverySeconds: 2}")));
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    runtime = ItSupport.runtime("stage-loop-it");
    context = ItSupport.context(config, kafka, runtime);
    apps =
        StreamsApps.start(
            context,
            StreamsSettings.load(config, Map.of())
                .withStateDir(dir.resolve("streams"))
                .withApplicationSuffix("-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  @AfterAll
  static void stop() {
    apps.close();
    runtime.close();
  }

  @Test
  void oneConfigGoesFromSelfplayToAPromotedModelThatSelfplayThenPlaysWith() throws Exception {
    ConfigKey config = ConfigKeys.parse("square8_2p");
    StageSettings base = ItSupport.repositorySettings();
    // a trainer whose first model is strong enough for the bootstrap gates, and never regresses
    SimulationSettings simulation = ItSimulation.settings();
    SimulationSettings.TrainerSettings t = simulation.trainer();
    SimulationSettings.TrainerSettings strong =
        new SimulationSettings.TrainerSettings(
            1700,
            t.ceilingElo(),
            t.gainFraction(),
            t.halfGainSamples(),
            0,
            0,
            0,
            0,
            t.modelBytes(),
            0);
    long syncsSkipped = syncCounter("skipped");
    try (SimulatedCluster loop =
        SimulatedCluster.start(
            context,
            base,
            simulation.withTrainer(strong),
            dir.resolve("data"),
            List.of(config),
            "ringrift.stage.loop-it.")) {
      ModelPromoted promoted =
          await()
              .atMost(LOOP_DEADLINE)
              .until(
                  () ->
                      ItSupport.read(
                          context, ModelPromoted.class, p -> p.getConfig().equals(config)),
                  l -> !l.isEmpty())
              .get(0);

      // the promoted model is the one trained from exported, synced selfplay games
      EvaluationCompleted evaluation =
          only(
              ItSupport.read(
                  context,
                  EvaluationCompleted.class,
                  e -> e.getHeader().getEventId().equals(promoted.getEvaluationEventId())));
      TrainingCompleted trained =
          only(
              ItSupport.read(
                  context,
                  TrainingCompleted.class,
                  e -> e.getHeader().getEventId().equals(evaluation.getTrainingEventId())));
      assertThat(trained.getModelId()).isEqualTo(promoted.getModelId());
      assertThat(
              ItSupport.read(context, NpzExportCompleted.class, e -> e.getConfig().equals(config)))
          .isNotEmpty();
      assertThat(
              ItSupport.read(
                  context,
                  DataSyncCompleted.class,
                  e -> e.getConfig().equals(config) && e.getSyncType() == SyncDataType.GAMES))
          .isNotEmpty();

      // the promotion stage put it where selfplay reads it; the sync stage took it to every host
      Path production = loop.settings().paths().productionModel(config);
      await()
          .atMost(LOOP_DEADLINE)
          .until(() -> sameFile(Path.of(promoted.getModelPath()), production));
      await()
          .atMost(LOOP_DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(
                          ItSupport.read(
                                  context,
                                  DataSyncCompleted.class,
                                  e ->
                                      e.getConfig().equals(config)
                                          && e.getSyncType() == SyncDataType.MODELS)
                              .stream()
                              .flatMap(e -> e.getTargets().stream()))
                      .contains("selfplay-1", "selfplay-2"));
      for (int host = 1; host <= 2; host++) {
        Path copy =
            loop.selfplayHost(host)
                .resolve("models")
                .resolve(loop.settings().paths().modelFileName(config));
        assertThat(sameFile(production, copy)).as(copy.toString()).isTrue();
      }

      // the loop is closed: selfplay now plays with the promoted model
      await()
          .atMost(LOOP_DEADLINE)
          .until(
              () ->
                  !ItSupport.read(
                          context,
                          SelfplayBatchCompleted.class,
                          b ->
                              b.getConfig().equals(config)
                                  && promoted.getModelId().equals(b.getModelId()))
                      .isEmpty());

      // what a caller counts per config: games played, every stage's successful runs
      await()
          .atMost(LOOP_DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(loop.counts(config))
                      .satisfies(
                          c -> {
                            assertThat(c.games()).isPositive();
                            assertThat(c.syncs()).isPositive();
                            assertThat(c.exports()).isPositive();
                            assertThat(c.trainings()).isPositive();
                            assertThat(c.evaluations()).isPositive();
                            assertThat(c.promotions()).isPositive();
                          }));

      // a trigger whose run just succeeded is done: not looked up again and counted as skipped
      assertThat(syncCounter("succeeded")).isPositive();
      assertThat(syncCounter("skipped")).isEqualTo(syncsSkipped);

      // every stage recorded its runs, and no attempt of a trigger started twice
      for (Stage stage :
          List.of(Stage.SYNC, Stage.EXPORT, Stage.TRAINING, Stage.EVALUATION, Stage.PROMOTION)) {
        List<StageRun> runs = ItSupport.runs(context, StageSupport.key(config, stage));
        assertThat(runs).as(stage.name()).anyMatch(r -> r.getStatus() == RunStatus.SUCCEEDED);
        assertThat(
                runs.stream()
                    .filter(r -> r.getStatus() == RunStatus.STARTED)
                    .map(r -> r.getTriggerEventId() + "#" + r.getAttempt()))
            .as(stage + ": one STARTED per trigger and attempt")
            .doesNotHaveDuplicates();
      }
    }
  }

  /** A run counter of the sync stage ({@code runs.succeeded}, {@code runs.skipped}, ...). */
  private static long syncCounter(String name) {
    return context
        .runtime()
        .metrics()
        .counter("ringrift.stage.selfplay-sync.runs." + name)
        .getCount();
  }

  @Test
  void aFailingActionOpensItsBreakerAndIsStartedAgainOnlyAsTheHalfOpenProbe() throws Exception {
    ConfigKey config = ConfigKeys.parse("hex8_3p");
    Path runsFile = dir.resolve("evaluator-runs");
    Path pass = dir.resolve("evaluator-pass");
    Path script = dir.resolve("flaky-evaluator.sh");
    Files.copy(Path.of("src/test/resources/stages/flaky-evaluator.sh"), script);
    EvaluationConfig evaluation =
        new EvaluationConfig(
            new ActionSpec(
                ActionKind.COMMAND,
                new CommandSpec(
                    "sh " + script + " " + runsFile + " " + pass + " {model_id} {run_id}",
                    30,
                    null,
                    Map.of(),
                    dir.resolve("logs").toString(),
                    null,
                    1)),
            Map.of(2, 50, 3, 70, 4, 100),
            200);
    StageSettings base = ItSupport.repositorySettings();
    // retries 1 s then 2 s apart: more than the breaker app needs to take in a failure
    RunPolicy policy = base.runs().withTiming(1.0, 1.0).withConfigs(List.of("hex8_3p"));
    try (StageSupport support =
            StageSupport.open(context, "ringrift.stage.breaker-it.", Clock.systemUTC());
        EvaluationService service =
            new EvaluationService(
                    evaluation,
                    policy,
                    Actions.none().with(SimulatedActions.of(ItSimulation.settings())),
                    support)
                .start();
        EventPublisher publisher = ItSupport.publisher(context, "breaker-it")) {
      TrainingCompleted first = ItSupport.trained(publisher, config, "m1");
      await().atMost(Duration.ofSeconds(60)).until(() -> !pipelineFailures(first).isEmpty());
      assertThat(pipelineFailures(first).get(0).getAttempts()).isEqualTo(3);
      assertThat(starts(runsFile)).hasSize(3);
      CircuitState opened =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> breaker(config), s -> s != null && s.getStatus() == CircuitStatus.OPEN);
      assertThat(opened.getOpens()).isEqualTo(1);

      TrainingCompleted second = ItSupport.trained(publisher, config, "m2");
      StageRun probe =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> started(config, second, 1), r -> r != null);
      assertThat(probe.getHeader().getOccurredAt())
          .as("not started before the breaker's retry time")
          .isAfterOrEqualTo(opened.getRetryAt());
      assertThat(starts(runsFile)).hasSize(4);
      CircuitState reopened =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> breaker(config),
                  s -> s.getStatus() == CircuitStatus.OPEN && s.getOpens() == 2);

      Files.writeString(pass, "pass"); // the gauntlet works again
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !ItSupport.read(
                          context, EvaluationCompleted.class, e -> e.getModelId().equals("m2"))
                      .isEmpty());
      StageRun secondProbe = started(config, second, 2);
      assertThat(secondProbe.getHeader().getOccurredAt())
          .as("the retry waited for the next probe")
          .isAfterOrEqualTo(reopened.getRetryAt());
      assertThat(starts(runsFile)).hasSize(5);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> breaker(config).getStatus() == CircuitStatus.CLOSED);
    }
  }

  private static List<PipelineFailed> pipelineFailures(TrainingCompleted trigger) {
    return ItSupport.read(
        context,
        PipelineFailed.class,
        p -> trigger.getHeader().getEventId().equals(p.getTriggerEventId()));
  }

  private static StageRun started(ConfigKey config, TrainingCompleted trigger, int attempt) {
    return ItSupport.runs(context, StageSupport.key(config, Stage.EVALUATION)).stream()
        .filter(
            r ->
                r.getStatus() == RunStatus.STARTED
                    && r.getAttempt() == attempt
                    && r.getTriggerEventId().equals(trigger.getHeader().getEventId()))
        .findFirst()
        .orElse(null);
  }

  private static CircuitState breaker(ConfigKey config) {
    List<CircuitState> states =
        ItSupport.read(
            context,
            CircuitState.class,
            s -> s.getConfig().equals(config) && s.getStage() == Stage.EVALUATION);
    return states.isEmpty() ? null : states.get(states.size() - 1);
  }

  private static List<String> starts(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static boolean sameFile(Path a, Path b) throws IOException {
    return Files.isRegularFile(a) && Files.isRegularFile(b) && Files.mismatch(a, b) == -1;
  }

  private static <T> T only(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
