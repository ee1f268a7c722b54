package ai.ringrift.stages.sync;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.SyncRequested;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.SharedStageParts;
import ai.ringrift.stages.host.StageHost;
import ai.ringrift.stages.host.StageJob;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageProvider;
import ai.ringrift.stages.host.StageSections;
import ai.ringrift.stages.host.StageService;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.host.StagesFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync stage, {@code selfplay-sync}: on {@code SelfplayBatchCompleted} (or {@code
 * SyncRequested} for games) it copies the config's game files from the selfplay host to the
 * training hosts with rsync at the bandwidth the allocator grants; on {@code ModelPromoted} and
 * {@code ModelRolledBack} (or {@code SyncRequested} for models) it distributes the model to every
 * selfplay host, staggered and up to {@code sync.maxParallelModelCopies} at once, each host
 * reporting; a promotion's distribution runs beside the config's games syncs ({@link
 * #MODELS_LANE}). Batches of a config that wait behind the one whose turn it is are synced with it
 * by one run (each host copied once, each batch answered by its own {@code DataSyncCompleted}), as
 * the original syncs per host, not per batch. Group {@code ringrift.stage.selfplay-sync}.
 */
public final class SyncService extends StageService<SyncService> {
  private static final Logger LOGGER = LoggerFactory.getLogger(SyncService.class);

  /** The daemon's name in {@code config/daemons.yaml}. */
  public static final String NAME = "selfplay-sync";

  /**
   * The lane of a config's model distributions (on {@code ModelPromoted}, {@code ModelRolledBack}):
   * beside its games syncs, so that copying a model to a thousand hosts does not hold them up. A
   * {@code SyncRequested} runs in the main lane, models or games.
   */
  static final String MODELS_LANE = "models";

  /** What the sync jobs share. */
  record Parts(
      SyncConfig config,
      SyncAction plan,
      Transfers transfers,
      Supplier<EventPublisher> publisher,
      String node,
      ExecutorService copies) {}

  private final StageHost host;
  private final Parts parts;
  private final StagePaths paths;

  /** A sync service; it closes neither {@code support} nor {@code bandwidth}. */
  public SyncService(
      SyncConfig config,
      StagePaths paths,
      RunPolicy policy,
      Actions actions,
      StageSupport support,
      BandwidthClient bandwidth) {
    this(config, paths, policy, actions, support, bandwidth, List.of());
  }

  private SyncService(
      SyncConfig config,
      StagePaths paths,
      RunPolicy policy,
      Actions actions,
      StageSupport support,
      BandwidthClient bandwidth,
      List<AutoCloseable> owned) {
    this.paths = paths;
    ExecutorService copies = copyThreads();
    StageHost.Builder builder =
        StageHost.builder(NAME, Stage.SYNC, support, policy)
            .coalescing(
                SelfplayBatchCompleted.class,
                (e, waiting) -> waits -> Optional.of(batches(e, waiting)))
            .on(SyncRequested.class, e -> waits -> requested(e))
            .on(
                ModelPromoted.class,
                MODELS_LANE,
                e -> waits -> Optional.of(model(e.getConfig(), e, e.getModelPath())))
            .on(
                ModelRolledBack.class,
                MODELS_LANE,
                e -> waits -> Optional.of(model(e.getConfig(), e, e.getToModelPath())));
    owned.forEach(builder::owning);
    builder.owning(copies::shutdownNow);
    this.host = builder.build();
    this.parts =
        new Parts(
            config,
            new SyncAction(config, paths),
            new Transfers(config.transferAction(actions), bandwidth, config.transferKbps()),
            host::publisher,
            RoleContext.localHost(),
            copies);
  }

  /** The threads of model copies: as many as the distributions running need, idle ones end. */
  private static ExecutorService copyThreads() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, NAME + "-run-copy-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** The service of a daemon: its own support and bandwidth client, closed with it. */
  public static SyncService create(ServiceContext context) throws InterruptedException {
    StageSupport support = StageSupport.open(context);
    BandwidthClient bandwidth = BandwidthClient.start(context, support.source(NAME));
    return new SyncService(
        StagesFile.section(context.config(), "sync", SyncConfig.class),
        StagesFile.paths(context.config()),
        StagesFile.runs(context.config()),
        Actions.fromClasspath(context.config()),
        support,
        bandwidth,
        List.of(bandwidth, support));
  }

  /**
   * One games sync for a batch and the batches of its config waiting behind it: each selfplay host
   * named once, each batch answered.
   */
  private StageJob batches(SelfplayBatchCompleted first, List<SelfplayBatchCompleted> waiting) {
    List<GamesSyncJob.Ask> asks = new ArrayList<>();
    for (SelfplayBatchCompleted batch : concat(first, waiting)) {
      asks.add(
          new GamesSyncJob.Ask(
              batch, batch.getNode(), batch.getGamesPath(), batch.getGamesCompleted()));
    }
    return new GamesSyncJob(first.getConfig(), first, asks, parts);
  }

  private static List<SelfplayBatchCompleted> concat(
      SelfplayBatchCompleted first, List<SelfplayBatchCompleted> rest) {
    List<SelfplayBatchCompleted> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private StageJob model(
      ConfigKey config, org.apache.avro.specific.SpecificRecord trigger, String path) {
    return new ModelSyncJob(config, trigger, path, parts);
  }

  private Optional<StageJob> requested(SyncRequested request) {
    ConfigKey config = request.getConfig();
    return switch (request.getDataType()) {
      case GAMES ->
          Optional.of(
              new GamesSyncJob(
                  config,
                  request,
                  (request.getSourceNode() == null
                          ? parts.plan().selfplayHostNames()
                          : List.of(request.getSourceNode()))
                      .stream().map(host -> new GamesSyncJob.Ask(request, host, null, 0)).toList(),
                  parts));
      case MODELS -> Optional.of(model(config, request, paths.productionModel(config).toString()));
      case NPZ -> {
        LOGGER.warn(
            "sync request {} for NPZ shards ignored: shards stay on the training host that exports them",
            request.getHeader().getEventId());
        yield Optional.empty();
      }
    };
  }

  @Override
  protected StageHost host() {
    return host;
  }

  /** Finds this service as the daemon {@value #NAME} ({@code META-INF/services}). */
  public static final class Provider implements StageProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Daemon create(ServiceContext context) throws InterruptedException {
      return SyncService.create(context);
    }

    @Override
    public Daemon create(SharedStageParts shared) {
      StageSections s = shared.settings();
      return new SyncService(
          s.section(SyncConfig.class),
          s.paths(),
          s.runs(),
          shared.actions(),
          shared.support(),
          shared.bandwidth());
    }
  }
}
