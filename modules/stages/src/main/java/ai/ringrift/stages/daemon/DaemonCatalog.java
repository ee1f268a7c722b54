package ai.ringrift.stages.daemon;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daemons a launcher can start, by the name {@code config/daemons.yaml} uses. The stages module
 * contributes its own ({@link #stages()}); whoever assembles the launcher (the {@code ringrift}
 * command, {@code ringrift up}) adds the Streams apps.
 */
public final class DaemonCatalog {
  private final Map<String, DaemonFactory> factories;

  private DaemonCatalog(Map<String, DaemonFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /** The daemons of the stages module: the bandwidth allocator and the five stage services. */
  public static DaemonCatalog stages() {
    return new DaemonCatalog(Map.of())
        .with(
            ai.ringrift.stages.bandwidth.BandwidthAllocatorService.NAME,
            ai.ringrift.stages.bandwidth.BandwidthAllocatorService::create)
        .with(ai.ringrift.stages.sync.SyncService.NAME, ai.ringrift.stages.sync.SyncService::create)
        .with(
            ai.ringrift.stages.export.ExportService.NAME,
            ai.ringrift.stages.export.ExportService::create)
        .with(
            ai.ringrift.stages.training.TrainingService.NAME,
            ai.ringrift.stages.training.TrainingService::create)
        .with(
            ai.ringrift.stages.evaluation.EvaluationService.NAME,
            ai.ringrift.stages.evaluation.EvaluationService::create)
        .with(
            ai.ringrift.stages.promotion.PromotionService.NAME,
            ai.ringrift.stages.promotion.PromotionService::create);
  }

  /** An empty registry. */
  public static DaemonCatalog empty() {
    return new DaemonCatalog(Map.of());
  }

  /** A copy that can also start {@code name}. */
  public DaemonCatalog with(String name, DaemonFactory factory) {
    Map<String, DaemonFactory> more = new TreeMap<>(factories);
    if (more.put(name, factory) != null) {
      throw new IllegalArgumentException("daemon " + name + " is registered twice");
    }
    return new DaemonCatalog(more);
  }

  /** A copy that can also start every daemon of {@code other}. */
  public DaemonCatalog with(DaemonCatalog other) {
    DaemonCatalog all = this;
    for (Map.Entry<String, DaemonFactory> entry : new TreeMap<>(other.factories).entrySet()) {
      all = all.with(entry.getKey(), entry.getValue());
    }
    return all;
  }

  /** The factory of {@code name}. */
  public Optional<DaemonFactory> find(String name) {
    return Optional.ofNullable(factories.get(name));
  }

  public Set<String> names() {
    return new java.util.TreeSet<>(factories.keySet());
  }
}
