package ai.ringrift.stages;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.evaluation.EvaluationConfig;
import ai.ringrift.stages.export.ExportConfig;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageSections;
import ai.ringrift.stages.host.StagesFile;
import ai.ringrift.stages.promotion.PromotionStageSettings;
import ai.ringrift.stages.sync.SyncConfig;
import ai.ringrift.stages.training.TrainingConfig;
import java.util.List;

/**
 * What {@code config/stages.yaml} says of the stages, each section bound to its validated record
 * (its {@code simulation} section belongs to the simulation module).
 *
 * @param paths where this host keeps the loop's files
 * @param runs retries, crash detection and hand-over of every stage
 * @param sync the sync stage
 * @param export the export stage
 * @param training the training stage
 * @param evaluation the evaluation stage
 * @param promotion the promotion stage
 */
public record StageSettings(
    StagePaths paths,
    RunPolicy runs,
    SyncConfig sync,
    ExportConfig export,
    TrainingConfig training,
    EvaluationConfig evaluation,
    PromotionStageSettings promotion)
    implements StageSections {
  public StageSettings {
    Check.present("paths", paths);
    Check.present("runs", runs);
    Check.present("sync", sync);
    Check.present("export", export);
    Check.present("training", training);
    Check.present("evaluation", evaluation);
    Check.present("promotion", promotion);
  }

  /** Loads {@code stages.yaml} from {@code source}; a bad value names its section and key. */
  public static StageSettings load(ConfigSource source) {
    return new StageSettings(
        StagesFile.paths(source),
        StagesFile.runs(source),
        StagesFile.section(source, "sync", SyncConfig.class),
        StagesFile.section(source, "export", ExportConfig.class),
        StagesFile.section(source, "training", TrainingConfig.class),
        StagesFile.section(source, "evaluation", EvaluationConfig.class),
        StagesFile.section(source, "promotion", PromotionStageSettings.class));
  }

  /**
   * The stage section whose record is {@code type}, e.g. {@link #sync()} for {@code SyncConfig}.
   */
  @Override
  public <T> T section(Class<T> type) {
    for (Object section : List.of(sync, export, training, evaluation, promotion)) {
      if (type.isInstance(section)) {
        return type.cast(section);
      }
    }
    throw new IllegalArgumentException(
        "stages.yaml has no section of type " + type.getSimpleName());
  }

  public StageSettings withPaths(StagePaths changed) {
    return new StageSettings(changed, runs, sync, export, training, evaluation, promotion);
  }

  public StageSettings withRuns(RunPolicy changed) {
    return new StageSettings(paths, changed, sync, export, training, evaluation, promotion);
  }

  public StageSettings withSync(SyncConfig changed) {
    return new StageSettings(paths, runs, changed, export, training, evaluation, promotion);
  }

  public StageSettings withExport(ExportConfig changed) {
    return new StageSettings(paths, runs, sync, changed, training, evaluation, promotion);
  }

  public StageSettings withTraining(TrainingConfig changed) {
    return new StageSettings(paths, runs, sync, export, changed, evaluation, promotion);
  }

  public StageSettings withEvaluation(EvaluationConfig changed) {
    return new StageSettings(paths, runs, sync, export, training, changed, promotion);
  }
}
