package ai.ringrift.stages.export;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TriggerOutcome;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
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
import ai.ringrift.stages.host.TriggerRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export stage, {@code export}: on {@code DataSyncCompleted} of games, when enough new games of
 * the config have arrived (and the cooldown is over), it exports them to an NPZ shard, validates it
 * and publishes {@code NpzExportCompleted} or {@code NpzExportFailed}. Group {@code
 * ringrift.stage.export}. Games syncs of a config that wait behind the one whose turn it is are
 * answered by its decision and its export, if any (announced as the reaction to it).
 */
public final class ExportService extends StageService<ExportService> {
  private static final Logger LOGGER = LoggerFactory.getLogger(ExportService.class);

  /** The daemon's name in {@code config/daemons.yaml}. */
  public static final String NAME = "export";

  /** What the export jobs share. */
  record Parts(
      StagePaths paths,
      ExportAction decisions,
      Action action,
      NpzValidator validator,
      Supplier<EventPublisher> publisher,
      Map<ConfigKey, ExportLedger> ledgers) {
    /** The config's ledger, one for the life of the service (it keeps what it has seen). */
    ExportLedger ledger(ConfigKey config) {
      return ledgers.computeIfAbsent(
          config, c -> new ExportLedger(paths.gamesOf(c), paths.npzOf(c)));
    }
  }

  private final StageHost host;
  private final StageSupport support;
  private final Parts parts;

  /**
   * An export service running the action {@code actions} make; it does not close {@code support}.
   */
  public ExportService(
      ExportConfig config,
      StagePaths paths,
      RunPolicy policy,
      Actions actions,
      StageSupport support) {
    this(config, paths, policy, actions, support, List.of());
  }

  private ExportService(
      ExportConfig config,
      StagePaths paths,
      RunPolicy policy,
      Actions actions,
      StageSupport support,
      List<AutoCloseable> owned) {
    this.support = support;
    StageHost.Builder builder =
        StageHost.builder(NAME, Stage.EXPORT, support, policy)
            .coalescing(
                DataSyncCompleted.class,
                e -> e.getSyncType() == SyncDataType.GAMES,
                (e, waiting) -> waits -> decide(e, waiting, waits));
    owned.forEach(builder::owning);
    this.host = builder.build();
    this.parts =
        new Parts(
            paths,
            new ExportAction(config),
            actions.create("export.action", config.action(), ExportAction.PLACEHOLDERS),
            new NpzValidator(config.validation()),
            host::publisher,
            new ConcurrentHashMap<>());
  }

  /** The service of a daemon: its own support, closed with it. */
  public static ExportService create(ServiceContext context) throws InterruptedException {
    ExportConfig config = StagesFile.section(context.config(), "export", ExportConfig.class);
    SimulationNotice.announceIfSimulated(context.runtime(), "export.action", config.action());
    StageSupport support = StageSupport.open(context);
    return new ExportService(
        config,
        StagesFile.paths(context.config()),
        StagesFile.runs(context.config()),
        Actions.fromClasspath(context.config()),
        support,
        List.of(support));
  }

  /**
   * Whether {@code sync} makes an export due; one decision for it and the games syncs of its config
   * waiting behind it ({@code waiting}): their games are on disk when it decides, so its export, or
   * its finding that none is due, answers them too.
   */
  private Optional<StageJob> decide(
      DataSyncCompleted sync, List<DataSyncCompleted> waiting, TriggerRunner.Waits waits)
      throws Exception {
    if (sync.getSyncType() != SyncDataType.GAMES) {
      return Optional.empty();
    }
    ConfigKey config = sync.getConfig();
    while (true) {
      ExportLedger ledger = parts.ledger(config);
      List<Path> fresh = ledger.newFiles();
      Instant now = support.clock().instant();
      ExportAction.Decision decision =
          parts
              .decisions()
              .decide(config.getPlayers(), ledger.games(fresh), lastExport(config), now);
      switch (decision.verdict()) {
        case DUE -> {
          LOGGER.info("export config={} due: {}", ConfigKeys.format(config), decision.reason());
          return Optional.of(new ExportJob(config, sync, waiting, fresh, parts));
        }
        case COOLING_DOWN -> waits.until(decision.notBefore());
        case NOT_DUE -> {
          LOGGER.debug(
              "export config={} not due: {}", ConfigKeys.format(config), decision.reason());
          return Optional.empty();
        }
      }
    }
  }

  private Instant lastExport(ConfigKey config) {
    return support
        .lastSuccess(config, Stage.EXPORT)
        .map(TriggerOutcome::getFinishedAt)
        .orElse(null);
  }

  @Override
  protected StageHost host() {
    return host;
  }

  /**
   * This service on the parts the stages of one process share (the embedded run), with the settings
   * and actions in {@code shared}; it does not close them.
   */
  public static ExportService create(SharedStageParts shared) {
    StageSections s = shared.settings();
    return new ExportService(
        s.section(ExportConfig.class), s.paths(), s.runs(), shared.actions(), shared.support());
  }

  /** Finds this service as the daemon {@value #NAME} ({@code META-INF/services}). */
  public static final class Provider extends StageProvider {
    public Provider() {
      super(NAME, ExportService::create, ExportService::create);
    }
  }
}
