package ai.ringrift.admin.up;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.simulation.cluster.SimulatedCluster;
import ai.ringrift.streams.StreamsApps;
import ai.ringrift.streams.common.StreamsSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of the embedded run on a running broker and registry: the Streams apps
 * (signals, circuit breakers, promotion and model registry), the five stage services with the
 * bandwidth allocator, and the simulated selfplay hosts, all in one runtime (one status endpoint),
 * plus a {@link LoopWatcher} that counts what they do. Stops in reverse order: selfplay first, so
 * that the stages finish or hand back their runs with nothing new arriving.
 */
public final class EmbeddedLoop implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedLoop.class);

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final LoopTally tally;
  private ServiceRuntime runtime;

  private EmbeddedLoop(LoopTally tally) {
    this.tally = tally;
  }

  /**
   * Starts the loop.
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
    EmbeddedLoop loop = new EmbeddedLoop(new LoopTally(settings.configs()));
    try {
      loop.startAll(config, kafka, dataDir, settings, runtimeSettings, notable);
    } catch (RuntimeException | InterruptedException e) {
      loop.close();
      throw e;
    }
    return loop;
  }

  private void startAll(
      ConfigSource config,
      KafkaSettings kafka,
      Path dataDir,
      EmbeddedLoopSettings settings,
      RuntimeSettings runtimeSettings,
      Consumer<String> notable)
      throws InterruptedException {
    runtime = ServiceRuntime.start("embedded", runtimeSettings);
    running.push(runtime);
    ServiceContext context = ServiceMain.context(config, kafka, runtime);
    running.push(LoopWatcher.start(context, tally, notable));
    StreamsSettings streams =
        StreamsSettings.load(config, Map.of()).withStateDir(dataDir.resolve("streams"));
    running.push(StreamsApps.start(context, streams));
    running.push(SimulatedCluster.start(context, dataDir.resolve("loop"), settings.configKeys()));
    LOGGER.info("embedded loop started: configs={} data={}", settings.configs(), dataDir);
  }

  /** What the loop did so far. */
  public LoopTally tally() {
    return tally;
  }

  /** Base URL of the status endpoint ({@code /health}, {@code /metrics}, {@code /status/...}). */
  public String statusUrl() {
    return runtime.http().baseUrl();
  }

  /** Stops selfplay and the stages, then the Streams apps, the watcher and the runtime. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      AutoCloseable component = running.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOGGER.warn("stopping {} failed", component.getClass().getSimpleName(), e);
      }
    }
  }
}
