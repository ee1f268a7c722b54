package ai.ringrift.stages;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.ServiceBundle;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.SharedStageParts;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.sync.SyncService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage services of one process sharing one runtime, one set of state tables and one bandwidth
 * client (the embedded run), as the stages' {@link ServiceBundle} for a {@link DaemonLauncher},
 * which runs, restarts and reports them like any other daemon. The services are those the {@link
 * StagesBundle} finds; each keeps its own consumer group, so several such processes share the work
 * by partitions.
 *
 * <pre>{@code
 * try (StageServices stages =
 *     StageServices.open(context, settings, actions, StageSupport.GROUP_PREFIX)) {
 *   DaemonCatalog daemons = ServiceBundles.fromClasspath().with(stages.bundle()).daemons();
 *   DaemonLauncher launcher = DaemonLauncher.start(context, daemonSettings, daemons, ...);
 *   ...
 * }
 * }</pre>
 */
public final class StageServices implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StageServices.class);

  private final SharedStageParts parts;

  private StageServices(SharedStageParts parts) {
    this.parts = parts;
  }

  /**
   * Opens what the services share; they run the actions {@code actions} make of their specs; their
   * consumer groups and transactional ids start with {@code groupPrefix} (tests keep independent
   * sets of stages apart on one cluster).
   */
  public static StageServices open(
      ServiceContext context, StageSettings settings, Actions actions, String groupPrefix)
      throws InterruptedException {
    StageSupport support = StageSupport.open(context, groupPrefix, Clock.systemUTC());
    try {
      return new StageServices(
          new SharedStageParts(
              context,
              settings,
              actions,
              support,
              BandwidthClient.start(context, support.source(SyncService.NAME))));
    } catch (RuntimeException e) {
      support.close();
      throw e;
    }
  }

  /**
   * The stages' bundle on the shared parts: each start makes a fresh service on them, so a
   * restarted service keeps its group and its state tables.
   */
  public ServiceBundle bundle() {
    return StagesBundle.sharing(parts);
  }

  /** Closes the shared parts; stop the services (their launcher) first. */
  @Override
  public void close() {
    closeQuietly(parts.bandwidth());
    closeQuietly(parts.support());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOGGER.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }
}
