package ai.ringrift.stages.sync;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.SyncRequested;
import ai.ringrift.runtime.ServiceContext;
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
      String node) {}

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
    this.host = builder.build();
    this.parts =
        new Parts(
            config,
            new SyncAction(config, paths),
            new Transfers(config.transferAction(actions), bandwidth, config.transferKbps()),
            host::publisher,
            RoleContext.localHost());
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
    asks.add(ask(first));
    waiting.forEach(batch -> asks.add(ask(batch)));
    return new GamesSyncJob(first.getConfig(), first, asks, parts);
  }

  private static GamesSyncJob.Ask ask(SelfplayBatchCompleted batch) {
    return new GamesSyncJob.Ask(
        batch, batch.getNode(), batch.getGamesPath(), batch.getGamesCompleted());
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

  /**
   * This service on the parts the stages of one process share (the embedded run), with the settings
   * and actions in {@code shared}; it does not close them.
   */
  public static SyncService create(SharedStageParts shared) {
    StageSections s = shared.settings();
    return new SyncService(
        s.section(SyncConfig.class),
        s.paths(),
        s.runs(),
        shared.actions(),
        shared.support(),
        shared.bandwidth());
  }

  /** Finds this service as the daemon {@value #NAME} ({@code META-INF/services}). */
  public static final class Provider extends StageProvider {
    public Provider() {
      super(NAME, SyncService::create, SyncService::create);
    }
  }
}
