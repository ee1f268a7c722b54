package ai.ringrift.stages.promotion;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.SharedStageParts;
import ai.ringrift.stages.host.StageHost;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageProvider;
import ai.ringrift.stages.host.StageSections;
import ai.ringrift.stages.host.StageService;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.host.StagesFile;
import ai.ringrift.stages.host.TriggeredJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The promotion stage, {@code promotion}: on {@code ModelPromoted} it publishes the model where
 * selfplay on this host reads it ({@code paths.production}, the original's {@code
 * canonical_<config>.pth}) by an atomic rename; on {@code ModelRolledBack} it restores the model
 * production went back to. Its record is the {@code StageRun} (SUCCEEDED with the published path);
 * the sync stage takes the model to the selfplay hosts. Group {@code ringrift.stage.promotion}.
 */
public final class PromotionService extends StageService<PromotionService> {
  /** The daemon's name in {@code config/daemons.yaml}. */
  public static final String NAME = "promotion";

  private final StageHost host;
  private final StagePaths paths;
  private final PromotionAction action;

  /** A promotion service; it does not close {@code support}. */
  public PromotionService(
      PromotionStageSettings config, StagePaths paths, RunPolicy policy, StageSupport support) {
    this(config, paths, policy, support, List.of());
  }

  private PromotionService(
      PromotionStageSettings config,
      StagePaths paths,
      RunPolicy policy,
      StageSupport support,
      List<AutoCloseable> owned) {
    this.paths = paths;
    this.action = new PromotionAction(config);
    StageHost.Builder builder =
        StageHost.builder(NAME, Stage.PROMOTION, support, policy)
            .on(
                ModelPromoted.class,
                e -> waits -> Optional.of(new Job(e.getConfig(), e, e.getModelPath(), false)))
            .on(
                ModelRolledBack.class,
                e -> waits -> Optional.of(new Job(e.getConfig(), e, e.getToModelPath(), true)));
    owned.forEach(builder::owning);
    this.host = builder.build();
  }

  /** The service of a daemon: its own support, closed with it. */
  public static PromotionService create(ServiceContext context) throws InterruptedException {
    StageSupport support = StageSupport.open(context);
    return new PromotionService(
        StagesFile.section(context.config(), "promotion", PromotionStageSettings.class),
        StagesFile.paths(context.config()),
        StagesFile.runs(context.config()),
        support,
        List.of(support));
  }

  /** Publishing (or restoring) one model. */
  private final class Job extends TriggeredJob {
    private final Path model;
    private final boolean rollback;

    Job(ConfigKey config, SpecificRecord trigger, String model, boolean rollback) {
      super(config, trigger);
      this.model = Path.of(model);
      this.rollback = rollback;
    }

    @Override
    public RunOutcome run(RunAttempt attempt) {
      Path target = paths.productionModel(config);
      try {
        if (rollback) {
          action.restore(model, target);
        } else {
          action.publish(model, target);
        }
        return RunOutcome.succeeded(target.toString(), List.of());
      } catch (IOException e) {
        return RunOutcome.failed(
            (rollback ? "restoring " : "publishing ") + model + " failed: " + e.getMessage());
      }
    }

    /** A crashed publish whose rename happened is done: the target holds the model. */
    @Override
    public Optional<RunOutcome> adopt(StageRun crashed, RunAttempt attempt) {
      Path target = paths.productionModel(config);
      try {
        return PromotionAction.inPlace(model, target)
            ? Optional.of(RunOutcome.succeeded(target.toString(), List.of()))
            : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
      return List.of(); // no event type of its own: the FAILED record, then PipelineFailed, say it
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
  public static PromotionService create(SharedStageParts shared) {
    StageSections s = shared.settings();
    return new PromotionService(
        s.section(PromotionStageSettings.class), s.paths(), s.runs(), shared.support());
  }

  /** Finds this service as the daemon {@value #NAME} ({@code META-INF/services}). */
  public static final class Provider extends StageProvider {
    public Provider() {
      super(NAME, PromotionService::create, PromotionService::create);
    }
  }
}
