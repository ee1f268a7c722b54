package ai.ringrift.stages.training;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.TriggerOutcome;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.SimulationNotice;
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
import ai.ringrift.stages.host.TriggerLookup;
import ai.ringrift.stages.host.TriggerRunner;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training stage, {@code training}: when the config's latest {@code TrainingSignal} says
 * should_train and an export exists that no training used yet (reacting to both signals and {@code
 * NpzExportCompleted}), it trains a candidate from the config's latest trained model and publishes
 * started, progress and completed / failed. Group {@code ringrift.stage.training}.
 */
public final class TrainingService extends StageService<TrainingService> {
  private static final Logger LOGGER = LoggerFactory.getLogger(TrainingService.class);

  /** The daemon's name in {@code config/daemons.yaml}. */
  public static final String NAME = "training";

  /** What the training jobs share. */
  record Parts(
      TrainingConfig config,
      StagePaths paths,
      TrainingAction decisions,
      Action action,
      Semaphore slots,
      Supplier<EventPublisher> publisher,
      String node) {}

  private final StageHost host;
  private final StageSupport support;
  private final Parts parts;
  private final Map<String, TrainingAction.Export> exports = new ConcurrentHashMap<>();

  /**
   * A training service running the action {@code actions} make; it does not close {@code support}.
   */
  public TrainingService(
      TrainingConfig config,
      StagePaths paths,
      RunPolicy policy,
      Actions actions,
      StageSupport support) {
    this(config, paths, policy, actions, support, List.of());
  }

  private TrainingService(
      TrainingConfig config,
      StagePaths paths,
      RunPolicy policy,
      Actions actions,
      StageSupport support,
      List<AutoCloseable> owned) {
    this.support = support;
    StageHost.Builder builder =
        StageHost.builder(NAME, Stage.TRAINING, support, policy)
            .on(NpzExportCompleted.class, e -> waits -> exported(e, waits))
            .on(TrainingSignal.class, e -> waits -> decide(e.getConfig(), e, waits));
    owned.forEach(builder::owning);
    this.host = builder.build();
    this.parts =
        new Parts(
            config,
            paths,
            new TrainingAction(config),
            actions.create("training.action", config.action(), TrainingAction.PLACEHOLDERS),
            new Semaphore(config.maxConcurrent()),
            host::publisher,
            RoleContext.localHost());
  }

  /** The service of a daemon: its own support, closed with it. */
  public static TrainingService create(ServiceContext context) throws InterruptedException {
    TrainingConfig config = StagesFile.section(context.config(), "training", TrainingConfig.class);
    SimulationNotice.announceIfSimulated(context.runtime(), "training.action", config.action());
    StageSupport support = StageSupport.open(context);
    return new TrainingService(
        config,
        StagesFile.paths(context.config()),
        StagesFile.runs(context.config()),
        Actions.fromClasspath(context.config()),
        support,
        List.of(support));
  }

  private Optional<StageJob> exported(NpzExportCompleted export, TriggerRunner.Waits waits)
      throws InterruptedException {
    TrainingAction.Export seen =
        new TrainingAction.Export(
            export.getHeader().getEventId(),
            export.getOutputPath(),
            export.getTotalSamples(),
            export.getHeader().getOccurredAt());
    exports.merge(
        ConfigKeys.format(export.getConfig()), seen, (a, b) -> b.at().isAfter(a.at()) ? b : a);
    return decide(export.getConfig(), export, waits);
  }

  private Optional<StageJob> decide(
      ConfigKey config, SpecificRecord trigger, TriggerRunner.Waits waits)
      throws InterruptedException {
    while (true) {
      TrainingAction.Export export = newestExport(config);
      StageRun trainings = support.latestRun(config, Stage.TRAINING);
      boolean trained =
          export != null
              && TriggerLookup.of(trainings, export.eventId()).kind()
                  == TriggerLookup.Kind.FINISHED;
      Optional<TriggerOutcome> last = TriggerLookup.lastSuccess(trainings);
      TrainingAction.Decision decision =
          parts
              .decisions()
              .decide(
                  support.tables().get(TrainingSignal.class, ConfigKeys.format(config)),
                  export,
                  trained,
                  last.map(TriggerOutcome::getFinishedAt).orElse(null),
                  support.clock().instant());
      switch (decision.verdict()) {
        case DUE -> {
          LOGGER.info("training config={} due: {}", ConfigKeys.format(config), decision.reason());
          String base =
              last.map(TriggerOutcome::getOutputPath)
                  .filter(p -> Files.isRegularFile(Path.of(p)))
                  .orElse(null);
          return Optional.of(new TrainingJob(config, trigger, export, base, parts));
        }
        case COOLING_DOWN -> waits.until(decision.notBefore());
        case NOT_DUE -> {
          LOGGER.debug(
              "training config={} not due: {}", ConfigKeys.format(config), decision.reason());
          return Optional.empty();
        }
      }
    }
  }

  /** The newest export of {@code config}: seen as an event, or recorded by the export stage. */
  private TrainingAction.Export newestExport(ConfigKey config) {
    TrainingAction.Export seen = exports.get(ConfigKeys.format(config));
    Optional<TriggerOutcome> recorded = support.lastSuccess(config, Stage.EXPORT);
    if (recorded.isPresent()
        && recorded.get().getResultEventId() != null
        && recorded.get().getOutputPath() != null
        && (seen == null || recorded.get().getFinishedAt().isAfter(seen.at()))) {
      TriggerOutcome o = recorded.get();
      return new TrainingAction.Export(
          o.getResultEventId(), o.getOutputPath(), samples(o.getOutputPath()), o.getFinishedAt());
    }
    return seen;
  }

  /** The sample count of a shard, from its header (0 when it cannot be read). */
  private static long samples(String npz) {
    try {
      NpyHeader values = NpzReader.headers(Path.of(npz)).get("values");
      return values == null || values.shape().isEmpty() ? 0 : values.shape().get(0);
    } catch (IOException | RuntimeException e) {
      LOGGER.warn("cannot read the sample count of {}: {}", npz, e.toString());
      return 0;
    }
  }

  @Override
  protected StageHost host() {
    return host;
  }

  /**
   * This service on the parts the stages of one process share (the embedded run), with the settings
   * and actions in {@code shared}; it does not close them.
   */
  public static TrainingService create(SharedStageParts shared) {
    StageSections s = shared.settings();
    return new TrainingService(
        s.section(TrainingConfig.class), s.paths(), s.runs(), shared.actions(), shared.support());
  }

  /** Finds this service as the daemon {@value #NAME} ({@code META-INF/services}). */
  public static final class Provider extends StageProvider {
    public Provider() {
      super(NAME, TrainingService::create, TrainingService::create);
    }
  }
}
