package ai.ringrift.stages;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.export.ExportService;
import ai.ringrift.stages.promotion.PromotionService;
import ai.ringrift.stages.service.StageSupport;
import ai.ringrift.stages.sync.SyncService;
import ai.ringrift.stages.training.TrainingService;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five stage services in one process, sharing one runtime and one set of state tables (the
 * embedded run): selfplay-sync, export, training, evaluation, promotion. Each keeps its own
 * consumer group, so several such processes share the work by partitions.
 *
 * <pre>{@code
 * try (StageServices stages = StageServices.startAll(context, StageSettings.load(context.config()))) {
 *   ...
 * }
 * }</pre>
 */
public final class StageServices implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StageServices.class);

  private final StageSupport support;
  private final BandwidthClient bandwidth;
  private final SyncService sync;
  private final ExportService export;
  private final TrainingService training;
  private final EvaluationService evaluation;
  private final PromotionService promotion;

  private StageServices(StageSupport support, BandwidthClient bandwidth, StageSettings s) {
    this.support = support;
    this.bandwidth = bandwidth;
    this.sync = new SyncService(s.sync(), s.paths(), s.runs(), support, bandwidth);
    this.export = new ExportService(s.export(), s.paths(), s.runs(), support);
    this.training = new TrainingService(s.training(), s.paths(), s.runs(), s.simulation(), support);
    this.evaluation = new EvaluationService(s.evaluation(), s.runs(), s.simulation(), support);
    this.promotion = new PromotionService(s.promotion(), s.paths(), s.runs(), support);
  }

  /** Starts all five with the standard consumer groups. */
  public static StageServices startAll(ServiceContext context, StageSettings settings)
      throws InterruptedException {
    return startAll(context, settings, StageSupport.GROUP_PREFIX);
  }

  /**
   * Starts all five; their consumer groups and transactional ids start with {@code groupPrefix}
   * (tests keep independent sets of stages apart on one cluster).
   */
  public static StageServices startAll(
      ServiceContext context, StageSettings settings, String groupPrefix)
      throws InterruptedException {
    StageSupport support = StageSupport.open(context, groupPrefix, java.time.Clock.systemUTC());
    BandwidthClient bandwidth;
    try {
      bandwidth = BandwidthClient.start(context, support.source(SyncService.NAME));
    } catch (RuntimeException e) {
      support.close();
      throw e;
    }
    StageServices services = new StageServices(support, bandwidth, settings);
    try {
      services.sync.start();
      services.export.start();
      services.training.start();
      services.evaluation.start();
      services.promotion.start();
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
    LOGGER.info("stage services started: {}", services.names());
    return services;
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

  public SyncService sync() {
    return sync;
  }

  public ExportService export() {
    return export;
  }

  public TrainingService training() {
    return training;
  }

  public EvaluationService evaluation() {
    return evaluation;
  }

  public PromotionService promotion() {
    return promotion;
  }

  /** Stops every service (each finishes or hands back its run), then the shared parts. */
  @Override
  public void close() {
    List<AutoCloseable> all =
        new ArrayList<>(List.of(promotion, evaluation, training, export, sync));
    Thread[] stopping = new Thread[all.size()];
    for (int i = 0; i < all.size(); i++) {
      AutoCloseable service = all.get(i);
      stopping[i] = new Thread(() -> closeQuietly(service), "stop-stage-" + i);
      stopping[i].start();
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
