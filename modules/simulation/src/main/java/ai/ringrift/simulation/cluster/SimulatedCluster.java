package ai.ringrift.simulation.cluster;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.DaemonStatus;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.runtime.daemon.ServiceBundles;
import ai.ringrift.simulation.SimulatedActions;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.stages.StageServices;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.rsync.RsyncSpec;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.sync.SyncConfig;
import ai.ringrift.stages.sync.SyncHost;
import com.codahale.metrics.MetricRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop on one machine, simulated: directories under a data dir stand in for the hosts
 * ({@code <data>/selfplay-N/{games,models}} for selfplay hosts, {@code <data>/training/...} for the
 * training host), a {@link SimulatedSelfplayWorker} per selfplay host plays batches, and the real
 * stage services and bandwidth allocator move the data, train, evaluate and publish models with the
 * simulated workload, at the pace of the {@code simulation.loop} section, all under one daemon
 * launcher (heartbeats, {@code /status/daemons}, restarts). Whatever else runs under the same
 * launcher (the Streams apps of {@code ringrift up}) comes in the caller's bundles.
 *
 * <pre>{@code
 * try (SimulatedCluster loop =
 *     SimulatedCluster.start(context, dataDir, ConfigKeys.all(), ServiceBundles.fromClasspath())) {
 *   ...
 * }
 * }</pre>
 */
public final class SimulatedCluster implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(SimulatedCluster.class);

  /** The launcher name of a simulated selfplay host's worker, e.g. {@code simulated-selfplay-1}. */
  public static final String WORKER_PREFIX = "simulated-";

  private final Path dataDir;
  private final StageSettings settings;
  private final SimulationSettings simulation;
  private final MetricRegistry metrics;
  private final List<SimulatedSelfplayWorker> workers = new CopyOnWriteArrayList<>();
  private final List<String> workerNames = new ArrayList<>();
  private final List<EventPublisher> publishers = new ArrayList<>();
  private StageServices stages;
  private DaemonLauncher launcher;

  private SimulatedCluster(
      Path dataDir, StageSettings settings, SimulationSettings simulation, MetricRegistry metrics) {
    this.dataDir = dataDir;
    this.settings = settings;
    this.simulation = simulation;
    this.metrics = metrics;
  }

  /** The simulated loop of {@code configs} with the config of {@code context}. */
  public static SimulatedCluster start(
      ServiceContext context, Path dataDir, List<ConfigKey> configs) throws InterruptedException {
    return start(context, dataDir, configs, ServiceBundles.none());
  }

  /**
   * The simulated loop of {@code configs} with the config of {@code context}, and the daemons of
   * the bundles of {@code platform} (those on the classpath for {@code ringrift up}) under the same
   * launcher, the stages' bundle replaced by the simulated cluster's.
   */
  public static SimulatedCluster start(
      ServiceContext context, Path dataDir, List<ConfigKey> configs, ServiceBundles platform)
      throws InterruptedException {
    return start(
        context,
        StageSettings.load(context.config()),
        SimulationSettings.load(context.config()),
        dataDir,
        configs,
        StageSupport.GROUP_PREFIX,
        platform);
  }

  /**
   * The simulated loop of {@code configs} with {@code base} settings, made fast by {@code
   * simulation}'s {@code loop} section; the stages' groups start with {@code groupPrefix}.
   */
  public static SimulatedCluster start(
      ServiceContext context,
      StageSettings base,
      SimulationSettings simulation,
      Path dataDir,
      List<ConfigKey> configs,
      String groupPrefix)
      throws InterruptedException {
    return start(context, base, simulation, dataDir, configs, groupPrefix, ServiceBundles.none());
  }

  /**
   * Runs the stages' bundle (the bandwidth allocator and the stage services, sharing their parts),
   * the daemons of the other bundles of {@code platform} and one simulated selfplay worker per host
   * under one {@link DaemonLauncher}: supervised, restarted, reported on {@code /status/daemons}
   * and in {@code DaemonHeartbeat}s, as {@code ringrift launch} runs them. Each daemon named in
   * {@code daemons.yaml} keeps its settings there.
   */
  public static SimulatedCluster start(
      ServiceContext context,
      StageSettings base,
      SimulationSettings simulation,
      Path dataDir,
      List<ConfigKey> configs,
      String groupPrefix,
      ServiceBundles platform)
      throws InterruptedException {
    SimulatedCluster cluster =
        new SimulatedCluster(
            dataDir,
            simulated(base, simulation, dataDir, configs),
            simulation,
            context.runtime().metrics());
    try {
      cluster.stages =
          StageServices.open(
              context,
              cluster.settings,
              Actions.fromClasspath(context.config()).with(SimulatedActions.of(simulation)),
              groupPrefix);
      DaemonCatalog catalog =
          platform.with(cluster.stages.bundle()).daemons().with(cluster.workers(context, configs));
      cluster.launcher = cluster.launch(context, catalog);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    LOGGER.info(
        "simulated cluster started in {}: configs={} selfplay hosts={}",
        dataDir,
        configs.stream().map(ConfigKeys::format).toList(),
        cluster.settings.sync().selfplayHosts().size());
    return cluster;
  }

  /**
   * {@code base} turned into the simulated cluster's settings under {@code dataDir}, at the pace of
   * {@code simulation}'s {@code loop} section.
   */
  public static StageSettings simulated(
      StageSettings base, SimulationSettings simulation, Path dataDir, List<ConfigKey> configs) {
    SimulationSettings.LoopSettings loop = simulation.loop();
    List<SyncHost> hosts = new ArrayList<>();
    for (int i = 1; i <= loop.selfplayHosts(); i++) {
      Path host = dataDir.resolve("selfplay-" + i);
      hosts.add(
          new SyncHost(
              "selfplay-" + i,
              host.resolve("games").toString(),
              host.resolve("models").toString()));
    }
    RsyncSpec rsync = base.sync().rsync();
    RsyncSpec logged =
        new RsyncSpec(
            rsync.binary(),
            rsync.remoteShell(),
            rsync.timeoutSeconds(),
            rsync.ioTimeoutSeconds(),
            rsync.partialDir(),
            rsync.checksum(),
            rsync.compress(),
            rsync.extraArgs(),
            dataDir.resolve("logs/rsync").toString(),
            rsync.killGraceSeconds());
    ActionSpec simulated = new ActionSpec(ActionKind.SIMULATION, null);
    return base.withPaths(StagePaths.under(dataDir.resolve("training")))
        .withRuns(
            base.runs()
                .withTiming(loop.retryBackoffSeconds(), loop.orphanAfterSeconds())
                .withConfigs(configs.stream().map(ConfigKeys::format).toList()))
        .withSync(
            new SyncConfig(
                logged,
                List.of(),
                hosts,
                loop.modelStaggerMillis() / 1000.0,
                base.sync().gamesPriority(),
                base.sync().modelsPriority(),
                base.sync().transferKbps(),
                null,
                base.sync().maxParallelModelCopies()))
        .withExport(
            base.export()
                .withAction(simulated)
                .withThresholds(
                    loop.exportNewGames(),
                    loop.exportBootstrapGames(),
                    loop.exportCooldownSeconds()))
        .withTraining(
            base.training()
                .withAction(simulated)
                .withPacing(
                    loop.trainingMinSamples(),
                    loop.trainingCooldownSeconds(),
                    loop.trainingEpochs()))
        .withEvaluation(base.evaluation().withAction(simulated));
  }

  /** One simulated selfplay worker per host, a fresh one (on the host's publisher) per start. */
  private DaemonCatalog workers(ServiceContext context, List<ConfigKey> configs) {
    DaemonCatalog catalog = DaemonCatalog.empty();
    for (SyncHost host : settings.sync().selfplayHosts()) {
      EventPublisher publisher =
          EventPublisher.builder()
              .source("simulated-selfplay@" + host.name())
              .kafka(context.kafka())
              .catalog(context.catalog())
              .serdes(context.serdes())
              .settings(PublisherSettings.load(context.config()))
              .metrics(context.runtime().metrics())
              .build();
      publishers.add(publisher);
      String name = WORKER_PREFIX + host.name();
      workerNames.add(name);
      catalog =
          catalog.with(
              name,
              ignored -> {
                SimulatedSelfplayWorker worker =
                    new SimulatedSelfplayWorker(
                        host.name(),
                        Path.of(host.games()),
                        Path.of(host.models()),
                        configs,
                        settings.paths()::modelFileName,
                        simulation,
                        publisher);
                workers.add(worker);
                return worker;
              });
    }
    return catalog;
  }

  private DaemonLauncher launch(ServiceContext context, DaemonCatalog catalog) {
    Map<String, DaemonSettings.Spec> simulatedHosts = new TreeMap<>();
    workerNames.forEach(
        name -> simulatedHosts.put(name, new DaemonSettings.Spec(false, List.of())));
    DaemonSettings daemons =
        DaemonSettings.load(context.config()).only(catalog.names(), simulatedHosts);
    return DaemonLauncher.start(
        context, daemons, catalog, LaunchSelection.all(), "simulated-cluster");
  }

  /** The settings the stages run with. */
  public StageSettings settings() {
    return settings;
  }

  /** The simulated workload's settings. */
  public SimulationSettings simulation() {
    return simulation;
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The directory standing in for selfplay host {@code n} (from 1). */
  public Path selfplayHost(int n) {
    return dataDir.resolve("selfplay-" + n);
  }

  /** Every daemon's status, as {@code /status/daemons} shows it. */
  public List<DaemonStatus> daemons() {
    return launcher.status();
  }

  /** Games of {@code config} played and announced ({@code SelfplayBatchCompleted}) by all hosts. */
  public long gamesPlayed(ConfigKey config) {
    return workers.stream().mapToLong(w -> w.games(config)).sum();
  }

  /**
   * How far {@code config}'s loop has come: games played, and the successful runs of each stage
   * (the stages' per-config counters in the context's metric registry).
   */
  public LoopCounts counts(ConfigKey config) {
    return LoopCounts.of(metrics, config, gamesPlayed(config));
  }

  /** The simulated selfplay workers started so far (a restarted host's worker is a new one). */
  public List<SimulatedSelfplayWorker> workers() {
    return List.copyOf(workers);
  }

  /**
   * Stops selfplay first, then the stages (each finishes or hands back its run) with the other
   * daemons, then what they share.
   */
  @Override
  public void close() {
    if (launcher != null) {
      launcher.stop(workerNames);
      launcher.close();
    }
    if (stages != null) {
      stages.close();
    }
    publishers.forEach(EventPublisher::close);
  }
}
