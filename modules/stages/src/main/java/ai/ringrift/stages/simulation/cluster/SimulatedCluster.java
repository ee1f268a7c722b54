package ai.ringrift.stages.simulation.cluster;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.stages.StageServices;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.rsync.RsyncSpec;
import ai.ringrift.stages.bandwidth.BandwidthAllocatorService;
import ai.ringrift.stages.bandwidth.BandwidthSettings;
import ai.ringrift.stages.daemon.Daemon;
import ai.ringrift.stages.service.StagePaths;
import ai.ringrift.stages.service.StageSupport;
import ai.ringrift.stages.simulation.SimulationSettings;
import ai.ringrift.stages.sync.SyncHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop on one machine, simulated: directories under a data dir stand in for the hosts
 * ({@code <data>/selfplay-N/{games,models}} for selfplay hosts, {@code <data>/training/...} for the
 * training host), a {@link SimulatedSelfplayWorker} per selfplay host plays batches, and the real
 * stage services and bandwidth allocator move the data, train, evaluate and publish models with the
 * simulated workload, at the pace of the {@code simulation.loop} section. The Streams apps
 * (signals, breakers, promotion) run beside it, started by whoever starts this.
 *
 * <pre>{@code
 * try (StreamsApps apps = StreamsApps.start(context);
 *     SimulatedCluster loop = SimulatedCluster.start(context, dataDir, ConfigKeys.all())) { ... }
 * }</pre>
 */
public final class SimulatedCluster implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(SimulatedCluster.class);

  private final Path dataDir;
  private final StageSettings settings;
  private final com.codahale.metrics.MetricRegistry metrics;
  private final List<Running> daemons = new ArrayList<>();
  private final List<SimulatedSelfplayWorker> workers = new ArrayList<>();
  private final List<EventPublisher> publishers = new ArrayList<>();
  private StageServices stages;

  /** A daemon on a thread of its own. */
  private record Running(Daemon daemon, Thread thread) {}

  private SimulatedCluster(
      Path dataDir, StageSettings settings, com.codahale.metrics.MetricRegistry metrics) {
    this.dataDir = dataDir;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** The simulated loop of {@code configs} with the config of {@code context}. */
  public static SimulatedCluster start(
      ServiceContext context, Path dataDir, List<ConfigKey> configs) throws InterruptedException {
    return start(
        context, StageSettings.load(context.config()), dataDir, configs, StageSupport.GROUP_PREFIX);
  }

  /**
   * The simulated loop of {@code configs} with {@code base} settings (made fast by its {@code
   * simulation.loop} section); the stages' groups start with {@code groupPrefix}.
   */
  public static SimulatedCluster start(
      ServiceContext context,
      StageSettings base,
      Path dataDir,
      List<ConfigKey> configs,
      String groupPrefix)
      throws InterruptedException {
    SimulatedCluster cluster =
        new SimulatedCluster(
            dataDir, simulated(base, dataDir, configs), context.runtime().metrics());
    try {
      cluster.startAllocator(context);
      cluster.stages = StageServices.startAll(context, cluster.settings, groupPrefix);
      cluster.startWorkers(context, configs);
    } catch (RuntimeException | InterruptedException e) {
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

  /** {@code base} turned into the simulated cluster's settings under {@code dataDir}. */
  public static StageSettings simulated(StageSettings base, Path dataDir, List<ConfigKey> configs) {
    SimulationSettings.LoopSettings loop = base.simulation().loop();
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
    ActionSpec simulation = new ActionSpec(ActionKind.SIMULATION, null);
    return base.withPaths(StagePaths.under(dataDir.resolve("training")))
        .withRuns(
            base.runs()
                .withTiming(loop.retryBackoffSeconds(), loop.orphanAfterSeconds())
                .withConfigs(configs.stream().map(ConfigKeys::format).toList()))
        .withSync(
            new ai.ringrift.stages.sync.SyncConfig(
                logged,
                List.of(),
                hosts,
                loop.modelStaggerMillis() / 1000.0,
                base.sync().gamesPriority(),
                base.sync().modelsPriority(),
                base.sync().transferKbps()))
        .withExport(
            base.export()
                .withAction(simulation)
                .withThresholds(
                    loop.exportNewGames(),
                    loop.exportBootstrapGames(),
                    loop.exportCooldownSeconds()))
        .withTraining(
            base.training()
                .withAction(simulation)
                .withPacing(
                    loop.trainingMinSamples(),
                    loop.trainingCooldownSeconds(),
                    loop.trainingEpochs()))
        .withEvaluation(base.evaluation().withAction(simulation));
  }

  private void startAllocator(ServiceContext context) {
    launch(
        "bandwidth-allocator",
        new BandwidthAllocatorService(
            BandwidthSettings.load(context.config()), RoleContext.of(context)));
  }

  private void startWorkers(ServiceContext context, List<ConfigKey> configs) {
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
      SimulatedSelfplayWorker worker =
          new SimulatedSelfplayWorker(
              host.name(),
              Path.of(host.games()),
              Path.of(host.models()),
              configs,
              settings.paths()::modelFileName,
              settings.simulation(),
              publisher);
      workers.add(worker);
      launch("simulated-selfplay-" + host.name(), worker);
    }
  }

  private void launch(String name, Daemon daemon) {
    Thread thread =
        new Thread(
            () -> {
              try {
                daemon.run();
              } catch (Exception e) {
                LOGGER.error("simulated cluster: {} stopped: {}", name, e.toString(), e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    daemons.add(new Running(daemon, thread));
  }

  /** The settings the stages run with. */
  public StageSettings settings() {
    return settings;
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The directory standing in for selfplay host {@code n} (from 1). */
  public Path selfplayHost(int n) {
    return dataDir.resolve("selfplay-" + n);
  }

  /** The stage services. */
  public StageServices stages() {
    return stages;
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

  /** The simulated selfplay workers. */
  public List<SimulatedSelfplayWorker> workers() {
    return List.copyOf(workers);
  }

  /** Stops selfplay first, then the stages (each finishes or hands back its run), then the rest. */
  @Override
  public void close() {
    for (Running r : daemons) {
      if (r.daemon() instanceof SimulatedSelfplayWorker) {
        r.daemon().stop();
      }
    }
    if (stages != null) {
      stages.close();
    }
    daemons.forEach(r -> r.daemon().stop());
    for (Running r : daemons) {
      try {
        r.thread().join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    publishers.forEach(EventPublisher::close);
  }
}
