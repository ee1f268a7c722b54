package ai.ringrift.simulation.cluster;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.simulation.SimulatedModel;
import ai.ringrift.simulation.SimulatedSelfplay;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated selfplay host of the embedded run: every batch interval it plays a batch of seeded
 * games per config with the production model it has ({@code <models>/<model file>}, put there by
 * the sync stage; none before the first promotion), writes them as a game file under {@code
 * <games>/<config>/} and publishes {@code SelfplayBatchCompleted}, which closes the loop. A
 * simulation, never used in place of a real selfplay worker.
 */
public final class SimulatedSelfplayWorker implements Daemon {
  private static final Logger LOGGER = LoggerFactory.getLogger(SimulatedSelfplayWorker.class);

  private final String node;
  private final Path games;
  private final Path models;
  private final List<ConfigKey> configs;
  private final Function<ConfigKey, String> modelFileName;
  private final SimulationSettings settings;
  private final EventPublisher publisher;
  private final SimulatedSelfplay selfplay;
  private final Map<String, Long> totals = new ConcurrentHashMap<>();
  private final AtomicLong batches = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Function<ConfigKey, String> announced;
  private final Consumer<PublishedEvent> acknowledged;

  /**
   * @param node the host's name, as the sync stage knows it
   * @param games where it writes game files ({@code <games>/<config>/})
   * @param models where it reads production models
   * @param modelFileName the production model's file name of a config
   * @param publisher publishes its batches (as {@code simulated-selfplay@<node>})
   */
  public SimulatedSelfplayWorker(
      String node,
      Path games,
      Path models,
      List<ConfigKey> configs,
      Function<ConfigKey, String> modelFileName,
      SimulationSettings settings,
      EventPublisher publisher) {
    this(node, games, models, configs, modelFileName, settings, publisher, null, e -> {});
  }

  /**
   * A worker that announces where its games can be pulled from and reports every batch the cluster
   * acknowledged.
   *
   * @param announced the location a batch of a config names as its {@code games_path} (the host's
   *     sync endpoint, {@code RINGRIFT_P2P_URL}); null for the batch's file on this host
   * @param acknowledged told of every published batch once the cluster acknowledged it
   */
  public SimulatedSelfplayWorker(
      String node,
      Path games,
      Path models,
      List<ConfigKey> configs,
      Function<ConfigKey, String> modelFileName,
      SimulationSettings settings,
      EventPublisher publisher,
      Function<ConfigKey, String> announced,
      Consumer<PublishedEvent> acknowledged) {
    this.announced = announced;
    this.acknowledged = acknowledged;
    this.node = node;
    this.games = games;
    this.models = models;
    this.configs = List.copyOf(configs);
    this.modelFileName = modelFileName;
    this.settings = settings;
    this.publisher = publisher;
    this.selfplay = new SimulatedSelfplay(settings);
  }

  @Override
  public void run() throws Exception {
    long interval = settings.loop().batchIntervalMillis();
    while (!stopped.await(interval, TimeUnit.MILLISECONDS)) {
      for (ConfigKey config : configs) {
        batch(config);
      }
    }
  }

  @Override
  public void stop() {
    stopped.countDown();
  }

  /** Games of {@code config} this worker has played and announced so far. */
  public long games(ConfigKey config) {
    return totals.getOrDefault(ConfigKeys.format(config), 0L);
  }

  /** Batches published so far. */
  public long batches() {
    return batches.get();
  }

  private void batch(ConfigKey config) throws IOException {
    String key = ConfigKeys.format(config);
    String model = productionModelId(config);
    int count = settings.loop().gamesPerBatch();
    String runId = node + "-" + key + "-" + System.currentTimeMillis() + "-" + batches.get();
    ActionResult result =
        selfplay.run(
            ActionRequest.of(
                runId,
                Map.of(
                    "config",
                    key,
                    "games_dir",
                    games.resolve(key).toString(),
                    "games",
                    Integer.toString(count),
                    "model_id",
                    model)));
    if (!result.succeeded()) {
      LOGGER.warn("simulated selfplay {} config={} failed: {}", node, key, result.reason());
      return;
    }
    long total = totals.merge(key, (long) count, Long::sum);
    publisher
        .selfplayBatchCompleted(
            config,
            node,
            count,
            total,
            announced == null ? result.values().text("games_path") : announced.apply(config),
            model.isEmpty() ? null : model,
            result.duration())
        .whenComplete(
            (published, error) -> {
              if (error != null) {
                LOGGER.warn(
                    "simulated selfplay {} config={}: batch not acknowledged: {}",
                    node,
                    key,
                    error.toString());
              } else {
                acknowledged.accept(published);
              }
            });
    batches.incrementAndGet();
  }

  private String productionModelId(ConfigKey config) {
    Path file = models.resolve(modelFileName.apply(config));
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try {
      return SimulatedModel.read(file).modelId();
    } catch (IOException | IllegalArgumentException e) {
      LOGGER.warn("simulated selfplay {} cannot read {}: {}", node, file, e.toString());
      return "";
    }
  }
}
