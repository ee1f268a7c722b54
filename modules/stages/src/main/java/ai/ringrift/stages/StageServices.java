package ai.ringrift.stages;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.export.ExportService;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.promotion.PromotionService;
import ai.ringrift.stages.sync.SyncService;
import ai.ringrift.stages.training.TrainingService;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five stage services of one process sharing one runtime, one set of state tables and one
 * bandwidth client (the embedded run): selfplay-sync, export, training, evaluation, promotion, as
 * daemons for a {@link DaemonLauncher}, which runs, restarts and reports them like any other. Each
 * keeps its own consumer group, so several such processes share the work by partitions.
 *
 * <pre>{@code
 * try (StageServices stages =
 *     StageServices.open(context, settings, actions, StageSupport.GROUP_PREFIX)) {
 *   DaemonLauncher launcher = DaemonLauncher.start(context, daemons, stages.registry(), ...);
 *   ...
 * }
 * }</pre>
 */
public final class StageServices implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StageServices.class);

  private final StageSupport support;
  private final BandwidthClient bandwidth;
  private final StageSettings settings;
  private final Actions actions;

  private StageServices(
      StageSupport support, BandwidthClient bandwidth, StageSettings settings, Actions actions) {
    this.support = support;
    this.bandwidth = bandwidth;
    this.settings = settings;
    this.actions = actions;
  }

  /**
   * Opens what the five share; they run the actions {@code actions} make of their specs; their
   * consumer groups and transactional ids start with {@code groupPrefix} (tests keep independent
   * sets of stages apart on one cluster).
   */
  public static StageServices open(
      ServiceContext context, StageSettings settings, Actions actions, String groupPrefix)
      throws InterruptedException {
    StageSupport support = StageSupport.open(context, groupPrefix, Clock.systemUTC());
    try {
      return new StageServices(
          support,
          BandwidthClient.start(context, support.source(SyncService.NAME)),
          settings,
          actions);
    } catch (RuntimeException e) {
      support.close();
      throw e;
    }
  }

  /**
   * The five as daemons by their launcher names: each start makes a fresh service on the shared
   * parts, so a restarted service keeps its group and its state tables.
   */
  public DaemonCatalog registry() {
    StageSettings s = settings;
    return DaemonCatalog.empty()
        .with(
            SyncService.NAME,
            context -> new SyncService(s.sync(), s.paths(), s.runs(), actions, support, bandwidth))
        .with(
            ExportService.NAME,
            context -> new ExportService(s.export(), s.paths(), s.runs(), actions, support))
        .with(
            TrainingService.NAME,
            context -> new TrainingService(s.training(), s.paths(), s.runs(), actions, support))
        .with(
            EvaluationService.NAME,
            context -> new EvaluationService(s.evaluation(), s.runs(), actions, support))
        .with(
            PromotionService.NAME,
            context -> new PromotionService(s.promotion(), s.paths(), s.runs(), support));
  }

  /** The services' names, as the launcher knows them. */
  public List<String> names() {
    return List.of(
        SyncService.NAME,
        ExportService.NAME,
        TrainingService.NAME,
        EvaluationService.NAME,
        PromotionService.NAME);
  }

  /** Closes the shared parts; stop the services (their launcher) first. */
  @Override
  public void close() {
    closeQuietly(bandwidth);
    closeQuietly(support);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOGGER.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }
}
