package ai.ringrift.stages.evaluation;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationFailed;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.events.Stage;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.ResultFormatException;
import ai.ringrift.stages.action.SimulationNotice;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.SharedStageParts;
import ai.ringrift.stages.host.StageHost;
import ai.ringrift.stages.host.StageJob;
import ai.ringrift.stages.host.StageProvider;
import ai.ringrift.stages.host.StageSections;
import ai.ringrift.stages.host.StageService;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.host.StagesFile;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The evaluation stage, {@code evaluation}: on {@code TrainingCompleted} it plays the candidate's
 * gauntlet against the baselines and the current champion (from {@code ringrift.state.models}) and
 * publishes {@code EvaluationCompleted}, which the promotion controller judges, or {@code
 * EvaluationFailed}. Group {@code ringrift.stage.evaluation}.
 */
public final class EvaluationService extends StageService<EvaluationService> {
  /** The daemon's name in {@code config/daemons.yaml}. */
  public static final String NAME = "evaluation";

  private final StageHost host;
  private final StageSupport support;
  private final EvaluationAction decisions;
  private final Action action;

  /**
   * An evaluation service running the action {@code actions} make; it does not close {@code
   * support}.
   */
  public EvaluationService(
      EvaluationConfig config, RunPolicy policy, Actions actions, StageSupport support) {
    this(config, policy, actions, support, List.of());
  }

  private EvaluationService(
      EvaluationConfig config,
      RunPolicy policy,
      Actions actions,
      StageSupport support,
      List<AutoCloseable> owned) {
    this.support = support;
    this.decisions = new EvaluationAction(config);
    this.action =
        actions.create("evaluation.action", config.action(), EvaluationAction.PLACEHOLDERS);
    StageHost.Builder builder =
        StageHost.builder(NAME, Stage.EVALUATION, support, policy)
            .on(TrainingCompleted.class, e -> waits -> Optional.of(new Job(e)));
    owned.forEach(builder::owning);
    this.host = builder.build();
  }

  /** The service of a daemon: its own support, closed with it. */
  public static EvaluationService create(ServiceContext context) throws InterruptedException {
    EvaluationConfig config =
        StagesFile.section(context.config(), "evaluation", EvaluationConfig.class);
    SimulationNotice.announceIfSimulated(context.runtime(), "evaluation.action", config.action());
    StageSupport support = StageSupport.open(context);
    return new EvaluationService(
        config,
        StagesFile.runs(context.config()),
        Actions.fromClasspath(context.config()),
        support,
        List.of(support));
  }

  /** The gauntlet of one trained candidate. */
  private final class Job implements StageJob {
    private final TrainingCompleted trained;

    Job(TrainingCompleted trained) {
      this.trained = trained;
    }

    @Override
    public ConfigKey config() {
      return trained.getConfig();
    }

    @Override
    public String triggerId() {
      return trained.getHeader().getEventId();
    }

    @Override
    public SpecificRecord trigger() {
      return trained;
    }

    @Override
    public RunOutcome run(RunAttempt attempt) throws InterruptedException {
      ModelRegistryEntry registry =
          support.tables().get(ModelRegistryEntry.class, ConfigKeys.format(trained.getConfig()));
      Optional<ModelVersion> champion = EvaluationAction.champion(registry, trained.getModelId());
      ActionResult result =
          action.run(
              ActionRequest.of(
                  attempt.runId(), decisions.parameters(trained, champion, attempt.runId())));
      if (!result.succeeded()) {
        return RunOutcome.failed(result.reason());
      }
      try {
        return RunOutcome.succeeded(
            null,
            List.of(
                decisions.completed(
                    host.publisher().headerReactingTo(trained), trained, result.values())));
      } catch (ResultFormatException e) {
        return RunOutcome.failed("the gauntlet's result is not usable: " + e.getMessage());
      }
    }

    @Override
    public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
      return List.of(
          EvaluationFailed.newBuilder()
              .setHeader(host.publisher().headerReactingTo(trained))
              .setConfig(trained.getConfig())
              .setModelId(trained.getModelId())
              .setError(error)
              .setAttempt(attempt.attempt())
              .build());
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
  public static EvaluationService create(SharedStageParts shared) {
    StageSections s = shared.settings();
    return new EvaluationService(
        s.section(EvaluationConfig.class), s.runs(), shared.actions(), shared.support());
  }

  /** Finds this service as the daemon {@value #NAME} ({@code META-INF/services}). */
  public static final class Provider extends StageProvider {
    public Provider() {
      super(NAME, EvaluationService::create, EvaluationService::create);
    }
  }
}
