package ai.ringrift.admin.up;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.dashboard.Dashboard;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.ServiceBundles;
import ai.ringrift.simulation.cluster.SimulatedCluster;
import ai.ringrift.streams.StreamsBundle;
import ai.ringrift.streams.common.StreamsSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of the embedded run on a running broker and registry: the Streams apps
 * (signals, circuit breakers, promotion and model registry), the five stage services with the
 * bandwidth allocator, and the simulated selfplay hosts, all daemons of one launcher in one runtime
 * (one status endpoint; heartbeats for {@code ringrift daemons status}), plus a {@link LoopWatcher}
 * that counts what they do. Stops selfplay first, so that the stages finish or hand back their runs
 * with nothing new arriving.
 */
public final class EmbeddedLoop implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedLoop.class);

  private final LoopTally tally;
  private final ServiceRuntime runtime;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Dashboard dashboard;

  private EmbeddedLoop(LoopTally tally, ServiceRuntime runtime) {
    this.tally = tally;
    this.runtime = runtime;
  }

  /**
   * Starts the loop; its components stop with the runtime, newest first.
   *
   * @param config the config directory everything reads
   * @param kafka the broker and registry to run on
   * @param dataDir where the loop keeps its state and the simulated hosts' files
   * @param settings the configs to play
   * @param runtimeSettings the status endpoint's settings
   * @param notable receives a line for each promotion, rejection, rollback, breaker change, failure
   */
  public static EmbeddedLoop start(
      ConfigSource config,
      KafkaSettings kafka,
      Path dataDir,
      EmbeddedLoopSettings settings,
      RuntimeSettings runtimeSettings,
      Consumer<String> notable)
      throws InterruptedException {
    EmbeddedLoop loop =
        new EmbeddedLoop(
            new LoopTally(settings.configs()), ServiceRuntime.start("embedded", runtimeSettings));
    try {
      ServiceContext context = ServiceMain.context(config, kafka, loop.runtime);
      loop.runtime.manage(LoopWatcher.start(context, loop.tally, notable));
      loop.dashboard = loop.runtime.manage(Dashboard.start(context));
      StreamsSettings streams =
          StreamsSettings.load(config, Map.of()).withStateDir(dataDir.resolve("streams"));
      // one launcher runs every bundle's daemons, as `ringrift launch` does: heartbeats,
      // /status/daemons; the stages share their parts, the apps keep their state in the data dir
      loop.runtime.manage(
          SimulatedCluster.start(
              context,
              dataDir.resolve("loop"),
              settings.configKeys(),
              ServiceBundles.fromClasspath().with(StreamsBundle.of(streams))));
    } catch (RuntimeException | InterruptedException e) {
      loop.close();
      throw e;
    }
    LOGGER.info("embedded loop started: configs={} data={}", settings.configs(), dataDir);
    return loop;
  }

  /** What the loop did so far. */
  public LoopTally tally() {
    return tally;
  }

  /** Base URL of the status endpoint ({@code /health}, {@code /metrics}, {@code /status/...}). */
  public String statusUrl() {
    return runtime.http().baseUrl();
  }

  /** The live dashboard of the loop. */
  public Dashboard dashboard() {
    return dashboard;
  }

  /** Stops selfplay and the stages, then the Streams apps, the watcher and the runtime; once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      runtime.close();
    }
  }
}
