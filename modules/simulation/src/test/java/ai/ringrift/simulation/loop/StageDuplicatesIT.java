package ai.ringrift.simulation.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EvaluationFailed;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.NpzExportFailed;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.simulation.SimulatedActions;
import ai.ringrift.simulation.SimulatedExport;
import ai.ringrift.simulation.SimulatedModel;
import ai.ringrift.simulation.SimulatedSelfplay;
import ai.ringrift.simulation.cluster.SimulatedCluster;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.bandwidth.BandwidthAllocatorService;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.bandwidth.BandwidthSettings;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.export.ExportService;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.stages.promotion.PromotionService;
import ai.ringrift.stages.sync.SyncHost;
import ai.ringrift.stages.sync.SyncService;
import ai.ringrift.stages.training.TrainingService;
import ai.ringrift.testkit.DeliveryPlan;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One event counts once in every stage service, on a real broker: a random run in which each
 * trigger is delivered 1 to 3 times (the same event, the same {@code event_id}), copies interleaved
 * with later triggers and the service's process restarted in between, does what delivering each
 * trigger once does — one run and one result per trigger, and the same files in the end. A running
 * service skips a copy in memory; a restarted one finds the trigger among the recent triggers of
 * {@code ringrift.state.stage-runs}.
 */
@WithKafkaCluster
class StageDuplicatesIT {
  static final int EVENTS = 6;
  static final double RESTART_CHANCE = 0.15;

  @TempDir static Path dir;
  static KafkaCluster cluster;
  static KafkaSettings kafka;
  static ConfigSource files;
  static ServiceRuntime runtime;
  static ServiceContext context;
  static EventPublisher publisher;

  @BeforeAll
  static void connect(KafkaCluster started) {
    cluster = started;
    kafka = KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    files = ConfigSource.directory(ItSupport.REPOSITORY_CONFIG);
    runtime = ItSupport.runtime("copies-it");
    context = ItSupport.context(files, kafka, runtime);
    publisher = ItSupport.publisher(context, "copies-it");
  }

  @AfterAll
  static void disconnect() {
    publisher.close();
    runtime.close();
  }

  @Test
  void evaluationPlaysOneGauntletPerTrainedModel() throws Exception {
    ConfigKey config = ConfigKeys.parse("square19_2p");
    StageSettings s = settings("evaluation", config);
    List<SpecificRecord> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      Path model = model(s, config, "eval-" + i, 1200 + 40 * i);
      events.add(trained(config, "eval-" + i, model));
    }

    play(
        EvaluationService.NAME,
        events,
        (support, owned) ->
            new EvaluationService(s.evaluation(), s.runs(), simulated(s), support).start(),
        false);

    assertThat(causes(EvaluationCompleted.class, config)).isEqualTo(oncePerEvent(events));
    assertThat(causes(EvaluationFailed.class, config)).isEmpty();
    assertThat(runsStarted(config, Stage.EVALUATION)).isEqualTo(oncePerEvent(events));
  }

  @Test
  void promotionPublishesEachPromotedModelOnceAndEndsWithTheLast() throws Exception {
    ConfigKey config = ConfigKeys.parse("square19_3p");
    StageSettings s = settings("promotion", config);
    List<SpecificRecord> events = new ArrayList<>();
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      models.add(model(s, config, "promoted-" + i, 1500 + 10 * i));
      events.add(promoted(config, "promoted-" + i, models.get(i)));
    }

    play(
        PromotionService.NAME,
        events,
        (support, owned) ->
            new PromotionService(s.promotion(), s.paths(), s.runs(), support).start(),
        false);

    assertThat(runsSucceeded(config, Stage.PROMOTION)).isEqualTo(oncePerEvent(events));
    assertThat(Files.readAllBytes(s.paths().productionModel(config)))
        .as("a copy of an earlier promotion never put its model back")
        .isEqualTo(Files.readAllBytes(models.get(EVENTS - 1)));
  }

  @Test
  void syncDistributesEachPromotedModelOnceToEverySelfplayHost() throws Exception {
    ConfigKey config = ConfigKeys.parse("hexagonal_2p");
    StageSettings s = settings("sync", config);
    List<SpecificRecord> events = new ArrayList<>();
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      models.add(model(s, config, "synced-" + i, 1500 + 10 * i));
      events.add(promoted(config, "synced-" + i, models.get(i)));
    }
    BandwidthAllocatorService allocator =
        new BandwidthAllocatorService(BandwidthSettings.load(files), RoleContext.of(context));
    Thread allocating = new Thread(() -> runQuietly(allocator), "copies-it-allocator");
    allocating.start();
    try {
      play(
          SyncService.NAME,
          events,
          (support, owned) -> {
            BandwidthClient bandwidth =
                BandwidthClient.start(support.context(), support.source(SyncService.NAME));
            owned.add(bandwidth);
            return new SyncService(s.sync(), s.paths(), s.runs(), simulated(s), support, bandwidth)
                .start();
          },
          false);
    } finally {
      allocator.stop();
      allocating.join(30_000);
    }

    int hosts = s.sync().selfplayHosts().size();
    assertThat(causes(DataSyncCompleted.class, config)).isEqualTo(perEvent(events, (long) hosts));
    assertThat(causes(DataSyncFailed.class, config)).isEmpty();
    for (SyncHost host : s.sync().selfplayHosts()) {
      assertThat(
              Files.readAllBytes(Path.of(host.models()).resolve(s.paths().modelFileName(config))))
          .as("%s holds the last promoted model", host.name())
          .isEqualTo(Files.readAllBytes(models.get(EVENTS - 1)));
    }
  }

  @Test
  void exportExportsTheGamesOfEachSyncOnce() throws Exception {
    ConfigKey config = ConfigKeys.parse("hexagonal_3p");
    StageSettings s = settings("export", config);
    Path games = s.paths().gamesOf(config).resolve("selfplay-1");
    List<SpecificRecord> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      DataSyncCompleted sync = SampleEvents.of(DataSyncCompleted.class, config, i);
      sync.put("header", publisher.newHeader());
      sync.put("sync_type", SyncDataType.GAMES);
      events.add(sync);
    }

    play(
        ExportService.NAME,
        events,
        (support, owned) ->
            new ExportService(s.export(), s.paths(), s.runs(), simulated(s), support).start(),
        true,
        i -> playGames(s, config, games, "batch-" + i, 25));

    assertThat(causes(NpzExportCompleted.class, config)).isEqualTo(oncePerEvent(events));
    assertThat(causes(NpzExportFailed.class, config)).isEmpty();
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= EVENTS; i++) {
      expected.add(25 * i); // a shard holds every game synced so far (windowGames 0)
    }
    assertThat(
            ItSupport.read(context, NpzExportCompleted.class, e -> e.getConfig().equals(config))
                .stream()
                .map(NpzExportCompleted::getGamesUsed))
        .as("one export per sync, each when its sync's 25 games arrived")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void trainingTrainsEachExportOnce() throws Exception {
    ConfigKey config = ConfigKeys.parse("square19_4p");
    StageSettings base = settings("training", config);
    StageSettings s =
        base.withTraining(base.training().withPacing(200, 0, 1)); // no cooldown: a quick test
    TrainingSignal train = SampleEvents.of(TrainingSignal.class, config, 1);
    train.put("header", publisher.newHeader());
    train.put("should_train", true);
    publisher.publishSync(train);
    List<SpecificRecord> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      Path games = dir.resolve("training-games").resolve("batch-" + i);
      playGames(s, config, games, "batch-" + i, 30);
      Path shard = s.paths().npzOf(config).resolve("shard-" + i + ".npz");
      ActionResult exported =
          new SimulatedExport()
              .run(
                  ActionRequest.of(
                      "export-" + i,
                      Map.of(
                          "config",
                          ConfigKeys.format(config),
                          "games",
                          games.toString(),
                          "npz",
                          shard.toString())));
      assertThat(exported.succeeded()).as(exported.reason()).isTrue();
      NpzExportCompleted export = SampleEvents.of(NpzExportCompleted.class, config, i);
      export.put("header", publisher.newHeader());
      export.put("output_path", shard.toString());
      export.put("total_samples", 1000L);
      events.add(export);
    }

    play(
        TrainingService.NAME,
        events,
        (support, owned) ->
            new TrainingService(s.training(), s.paths(), s.runs(), simulated(s), support).start(),
        true);

    assertThat(causes(TrainingCompleted.class, config)).isEqualTo(oncePerEvent(events));
    assertThat(causes(TrainingFailed.class, config)).isEmpty();
  }

  private static void play(
      String service, List<SpecificRecord> events, CopiesRun.Factory factory, boolean settleFirsts)
      throws Exception {
    play(service, events, factory, settleFirsts, i -> {});
  }

  /** Plays a plan with copies and at least one restart over {@code events}. */
  private static void play(
      String service,
      List<SpecificRecord> events,
      CopiesRun.Factory factory,
      boolean settleFirsts,
      java.util.function.IntConsumer beforeFirst)
      throws Exception {
    DeliveryPlan<SpecificRecord> plan = plan(events, service.hashCode());
    try (CopiesRun run =
        new CopiesRun(service, files, kafka, cluster.admin(), publisher, factory)) {
      run.play(plan, beforeFirst, settleFirsts);
      assertThat(run.restarts()).isPositive();
    }
  }

  /** The first plan from {@code seed} on with at least two copies and a restart. */
  private static DeliveryPlan<SpecificRecord> plan(List<SpecificRecord> events, long seed) {
    for (long s = seed; ; s++) {
      DeliveryPlan<SpecificRecord> plan = DeliveryPlan.of(events, new Random(s), RESTART_CHANCE);
      if (plan.extraDeliveries() >= 2 && plan.restarts() >= 1) {
        return plan;
      }
    }
  }

  /** The simulated cluster's settings for one stage, under its own directory, serving config. */
  private static StageSettings settings(String name, ConfigKey served) {
    return SimulatedCluster.simulated(
        ItSupport.repositorySettings(),
        ItSimulation.settings(),
        dir.resolve(name),
        List.of(served));
  }

  private static Path model(StageSettings s, ConfigKey config, String modelId, double elo)
      throws IOException {
    Path file = s.paths().modelsOf(config).resolve(modelId + ".pth");
    Files.createDirectories(file.getParent());
    new SimulatedModel(modelId, ConfigKeys.format(config), elo, 10_000, "").write(file, 256);
    return file;
  }

  private static void playGames(
      StageSettings s, ConfigKey config, Path into, String runId, int games) {
    try {
      Files.createDirectories(into);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ActionResult played =
        new SimulatedSelfplay(ItSimulation.settings())
            .run(
                ActionRequest.of(
                    runId,
                    Map.of(
                        "config",
                        ConfigKeys.format(config),
                        "games_dir",
                        into.toString(),
                        "games",
                        Integer.toString(games))));
    assertThat(played.succeeded()).as(played.reason()).isTrue();
  }

  private static TrainingCompleted trained(ConfigKey config, String modelId, Path model) {
    return TrainingCompleted.newBuilder()
        .setHeader(publisher.newHeader())
        .setConfig(config)
        .setJobId("job-" + modelId)
        .setModelId(modelId)
        .setModelPath(model.toString())
        .setEpochs(1)
        .setFinalLoss(0.5)
        .setSamplesTrained(10_000)
        .build();
  }

  private static ModelPromoted promoted(ConfigKey config, String modelId, Path model) {
    ModelPromoted promoted =
        SampleEvents.of(ModelPromoted.class, config, modelId.hashCode() & 0xff);
    promoted.put("header", publisher.newHeader());
    promoted.put("model_id", modelId);
    promoted.put("model_path", model.toString());
    return promoted;
  }

  /** How many events of {@code type} of {@code config} each cause (causation id) has. */
  private static <T extends SpecificRecord> Map<String, Long> causes(Class<T> type, ConfigKey of) {
    return ItSupport.read(context, type).stream()
        .filter(e -> of.equals(e.get(e.getSchema().getField("config").pos())))
        .collect(
            Collectors.groupingBy(
                e -> Events.header(e).orElseThrow().getCausationId(), Collectors.counting()));
  }

  private static Map<String, Long> runsStarted(ConfigKey config, Stage stage) {
    return runs(config, stage, RunStatus.STARTED);
  }

  private static Map<String, Long> runsSucceeded(ConfigKey config, Stage stage) {
    return runs(config, stage, RunStatus.SUCCEEDED);
  }

  private static Map<String, Long> runs(ConfigKey config, Stage stage, RunStatus status) {
    return ItSupport.runs(context, StageSupport.key(config, stage)).stream()
        .filter(r -> r.getStatus() == status)
        .collect(Collectors.groupingBy(StageRun::getTriggerEventId, Collectors.counting()));
  }

  private static Map<String, Long> oncePerEvent(List<SpecificRecord> events) {
    return perEvent(events, 1L);
  }

  private static Map<String, Long> perEvent(List<SpecificRecord> events, long times) {
    return events.stream()
        .collect(Collectors.toMap(e -> Events.eventId(e).orElseThrow(), e -> times, (a, b) -> a));
  }

  private static void runQuietly(BandwidthAllocatorService allocator) {
    try {
      allocator.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The simulated workload's actions, as the repository's config sets them. */
  private static Actions simulated(StageSettings settings) {
    return Actions.none().with(SimulatedActions.of(ItSimulation.settings()));
  }
}
