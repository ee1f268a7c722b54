package ai.ringrift.stages;

import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.ServiceBundle;
import ai.ringrift.stages.host.SharedStageParts;
import ai.ringrift.stages.host.StageProvider;
import java.util.ServiceLoader;

/**
 * The stages module's daemons, {@value #NAME}: the bandwidth allocator and the five stage services,
 * each found by its {@link StageProvider} in {@code META-INF/services}. Registered as a {@link
 * ServiceBundle}, it makes every daemon on parts of its own ({@code ringrift launch}); {@link
 * StageServices#bundle()} makes the same daemons on the parts the stages of one process share (the
 * embedded run).
 */
public final class StagesBundle implements ServiceBundle {
  /** The bundle's name. */
  public static final String NAME = "stages";

  private final DaemonCatalog daemons;

  /** Every stage daemon on parts of its own, opened at each start and closed with it. */
  public StagesBundle() {
    DaemonCatalog own = DaemonCatalog.empty();
    for (StageProvider provider : providers()) {
      own = own.with(provider.name(), provider::create);
    }
    this.daemons = own;
  }

  private StagesBundle(DaemonCatalog daemons) {
    this.daemons = daemons;
  }

  /** Every stage daemon on {@code shared}, which stays open when they stop. */
  static StagesBundle sharing(SharedStageParts shared) {
    DaemonCatalog catalog = DaemonCatalog.empty();
    for (StageProvider provider : providers()) {
      catalog = catalog.with(provider.name(), context -> provider.create(shared));
    }
    return new StagesBundle(catalog);
  }

  private static ServiceLoader<StageProvider> providers() {
    return ServiceLoader.load(StageProvider.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DaemonCatalog daemons() {
    return daemons;
  }
}
