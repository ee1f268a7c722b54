package ai.ringrift.benchmarks.loop;

import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.stages.StageServices;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.sync.SyncHost;
import ai.ringrift.streams.StreamsApps;
import ai.ringrift.streams.common.StreamsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real platform the loop benchmark drives, started in this JVM as {@code ringrift up} starts it
 * (a KRaft broker with the catalog, the schema registry, the three Streams apps, the bandwidth
 * allocator and the five stage services), with the stages' actions replaced by {@link
 * InstantActions} and {@code hosts} selfplay hosts in the sync stage's host list.
 *
 * <p>The one class of the harness that knows how stages, Streams apps and the embedded platform are
 * assembled: when those move, only this class follows.
 */
final class LoopUnderTest implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LoopUnderTest.class);
  private static final Map<String, Object> INSTANT = Map.of("kind", "PLUGIN", "plugin", "instant");

  private final EmbeddedPlatform platform;
  private final ServiceRuntime runtime;
  private final ServiceContext context;
  private final StageSettings stageSettings;
  private final StreamsSettings streamsSettings;

  private LoopUnderTest(
      EmbeddedPlatform platform,
      ServiceRuntime runtime,
      ServiceContext context,
      StageSettings stageSettings,
      StreamsSettings streamsSettings) {
    this.platform = platform;
    this.runtime = runtime;
    this.context = context;
    this.stageSettings = stageSettings;
    this.streamsSettings = streamsSettings;
  }

  /**
   * Starts everything under {@code dir}.
   *
   * @param hosts the names of the simulated selfplay hosts
   * @param configs the configs the stages serve
   * @param instantPacing whether the waits between runs (cooldowns, the signal's minimum training
   *     interval) are 0, so that every hop fires as soon as its trigger arrives
   */
  static LoopUnderTest start(
      Path dir, List<String> hosts, List<ConfigKey> configs, boolean instantPacing)
      throws InterruptedException {
    ConfigSource config = paced(ConfigSource.discover(), instantPacing);
    EmbeddedPlatform platform =
        EmbeddedPlatform.start(
            new EmbeddedPlatformSettings(dir, "localhost", 0, 0, false, null, 0),
            line -> LOGGER.info("{}", line));
    ServiceRuntime runtime = null;
    try {
      KafkaSettings kafka =
          KafkaSettings.of(platform.bootstrapServers()).withSchemaRegistry(platform.registryUrl());
      runtime = ServiceRuntime.start("loop-benchmark", RuntimeSettings.ephemeral());
      ServiceContext context = ServiceMain.context(config, kafka, runtime);
      StreamsSettings streams =
          StreamsSettings.load(config, Map.of()).withStateDir(dir.resolve("streams"));
      LoopUnderTest loop =
          new LoopUnderTest(
              platform, runtime, context, stageSettings(config, dir, hosts, configs), streams);
      loop.startServices();
      return loop;
    } catch (RuntimeException | InterruptedException e) {
      if (runtime != null) {
        runtime.close();
      }
      platform.close();
      throw e;
    }
  }

  private static ConfigSource paced(ConfigSource base, boolean instant) {
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("export.action", INSTANT);
    stages.put("training.action", INSTANT);
    stages.put("evaluation.action", INSTANT);
    stages.put("training.minSamples", InstantActions.SAMPLES);
    if (!instant) {
      return base.withOverrides("stages.yaml", stages);
    }
    stages.put("export.cooldownSeconds", 0);
    stages.put("training.cooldownSeconds", 0);
    return base.withOverrides("stages.yaml", stages)
        .withOverrides("signals.yaml", Map.of("signals.minTrainingIntervalSeconds", 0));
  }

  private static StageSettings stageSettings(
      ConfigSource config, Path dir, List<String> hosts, List<ConfigKey> configs) {
    StageSettings base = StageSettings.load(config);
    List<SyncHost> selfplay = new ArrayList<>();
    for (String host : hosts) {
      Path home = dir.resolve("hosts").resolve(host);
      selfplay.add(
          new SyncHost(host, home.resolve("games").toString(), home.resolve("models").toString()));
    }
    return base.withPaths(StagePaths.under(dir.resolve("training")))
        .withRuns(base.runs().withConfigs(configs.stream().map(ConfigKeys::format).toList()))
        .withSync(
            base.sync()
                .withHosts(List.of(), selfplay, 0)
                .withTransfer(new ActionSpec(ActionKind.PLUGIN, null, InstantActions.NAME)));
  }

  private void startServices() throws InterruptedException {
    runtime.manage(StreamsApps.start(context, streamsSettings));
    StageServices stages =
        StageServices.open(
            context,
            stageSettings,
            Actions.none().with(new InstantActions()),
            StageSupport.GROUP_PREFIX);
    DaemonCatalog catalog = stages.bundle().daemons(); // the allocator and the stage services
    DaemonLauncher launcher =
        DaemonLauncher.start(
            context,
            DaemonSettings.load(context.config()).only(catalog.names(), Map.of()),
            catalog,
            LaunchSelection.all(),
            "loop-benchmark");
    runtime.manage(
        () -> {
          launcher.close(); // the services stop before what they share
          stages.close();
        });
  }

  /** Where the training host reads the games of {@code config} from selfplay host {@code host}. */
  Path gamesOf(ConfigKey config, String host) {
    return stageSettings.paths().gamesOf(config).resolve(host);
  }

  /** The client settings (broker and registry) services use. */
  KafkaSettings kafka() {
    return context.kafka();
  }

  ServiceContext context() {
    return context;
  }

  String bootstrapServers() {
    return platform.bootstrapServers();
  }

  /** Consumer group of every service, by the service's name in the report. */
  Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    for (String stage : List.of("selfplay-sync", "export", "training", "evaluation", "promotion")) {
      groups.put(stage, StageSupport.GROUP_PREFIX + stage);
    }
    groups.put("signal-computer", streamsSettings.applications().signalComputer());
    groups.put("circuit-breakers", streamsSettings.applications().circuitBreakers());
    groups.put("promotion-controller", streamsSettings.applications().promotionController());
    return groups;
  }

  /** Stops the services (stages first), then the registry and the broker. */
  @Override
  public void close() {
    runtime.close();
    platform.close();
  }
}
