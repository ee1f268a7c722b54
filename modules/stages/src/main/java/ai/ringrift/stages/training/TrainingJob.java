package ai.ringrift.stages.training;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.action.ResultFormatException;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.TriggeredJob;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Trains a new candidate of a config on one export, from the config's latest trained model: {@code
 * TrainingStarted} with the STARTED record, {@code TrainingProgress} per reported epoch, then
 * {@code TrainingCompleted} (model id and path, epochs, final loss, samples) or {@code
 * TrainingFailed}. The model is written to {@code <models>/<config>/<run id>.pth}.
 */
final class TrainingJob extends TriggeredJob {
  private final TrainingAction.Export export;
  private final String baseModel;
  private final TrainingService.Parts parts;

  TrainingJob(
      ConfigKey config,
      SpecificRecord trigger,
      TrainingAction.Export export,
      String baseModel,
      TrainingService.Parts parts) {
    super(config, trigger);
    this.export = export;
    this.baseModel = baseModel;
    this.parts = parts;
  }

  /** One training per export. */
  @Override
  public String triggerId() {
    return export.eventId();
  }

  private Path model(RunAttempt attempt) {
    return parts.paths().modelsOf(config).resolve(attempt.runId() + ".pth");
  }

  @Override
  public List<SpecificRecord> startEvents(RunAttempt attempt) {
    return List.of(
        TrainingStarted.newBuilder()
            .setHeader(parts.publisher().get().headerReactingTo(trigger))
            .setConfig(config)
            .setJobId(attempt.runId())
            .setDataPath(export.npzPath())
            .setModelPath(model(attempt).toString())
            .setEpochs(parts.config().epochs())
            .setBatchSize(parts.config().batchSize())
            .setNode(parts.node())
            .build());
  }

  @Override
  public RunOutcome run(RunAttempt attempt) throws InterruptedException {
    parts.slots().acquire(); // at most maxConcurrent trainings on this instance
    try {
      ActionResult result =
          parts
              .action()
              .run(
                  new ActionRequest(
                      attempt.runId(),
                      parts
                          .decisions()
                          .parameters(
                              ConfigKeys.format(config),
                              export.npzPath(),
                              model(attempt).toString(),
                              attempt.runId(),
                              baseModel,
                              attempt.runId()),
                      progress -> progress(attempt, progress)));
      return result.succeeded() ? completed(attempt, result) : RunOutcome.failed(result.reason());
    } finally {
      parts.slots().release();
    }
  }

  private void progress(RunAttempt attempt, Progress progress) {
    parts
        .publisher()
        .get()
        .publish(
            TrainingProgress.newBuilder()
                .setHeader(parts.publisher().get().headerReactingTo(trigger))
                .setConfig(config)
                .setJobId(attempt.runId())
                .setEpoch(progress.epoch())
                .setTotalEpochs(progress.totalEpochs())
                .setLoss(progress.loss())
                .setValLoss(
                    progress.valLoss().isPresent() ? progress.valLoss().getAsDouble() : null)
                .build());
  }

  private RunOutcome completed(RunAttempt attempt, ActionResult result) {
    try {
      String path = result.values().optionalText("model_path").orElse(model(attempt).toString());
      TrainingCompleted completed =
          TrainingCompleted.newBuilder()
              .setHeader(parts.publisher().get().headerReactingTo(trigger))
              .setConfig(config)
              .setJobId(attempt.runId())
              .setModelId(result.values().optionalText("model_id").orElse(attempt.runId()))
              .setModelPath(path)
              .setEpochs((int) result.values().integer("epochs"))
              .setFinalLoss(result.values().number("final_loss"))
              .setSamplesTrained(result.values().integer("samples_trained"))
              .setDurationSeconds(result.duration().toMillis() / 1000.0)
              .build();
      return RunOutcome.succeeded(path, List.of(completed));
    } catch (ResultFormatException e) {
      return RunOutcome.failed("the trainer's result is not usable: " + e.getMessage());
    }
  }

  @Override
  public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
    return List.of(
        TrainingFailed.newBuilder()
            .setHeader(parts.publisher().get().headerReactingTo(trigger))
            .setConfig(config)
            .setJobId(attempt.runId())
            .setError(error)
            .setAttempt(attempt.attempt())
            .build());
  }
}
