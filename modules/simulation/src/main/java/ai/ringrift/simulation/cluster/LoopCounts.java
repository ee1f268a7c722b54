package ai.ringrift.simulation.cluster;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.export.ExportService;
import ai.ringrift.stages.promotion.PromotionService;
import ai.ringrift.stages.sync.SyncService;
import ai.ringrift.stages.training.TrainingService;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/**
 * How far one config's loop has come in this process: games played by the simulated selfplay hosts,
 * and the successful runs of each stage (counters {@code
 * ringrift.stage.<stage>.config.<config>.succeeded}).
 *
 * @param games games played and announced
 * @param syncs successful sync runs (game batches to the training host and model distributions)
 * @param exports NPZ shards exported and validated
 * @param trainings candidates trained
 * @param evaluations gauntlets completed
 * @param promotions models put in place for selfplay (promotions and rollbacks)
 */
public record LoopCounts(
    long games, long syncs, long exports, long trainings, long evaluations, long promotions) {

  /** The counts of {@code config}, from {@code metrics} and the games played. */
  static LoopCounts of(MetricRegistry metrics, ConfigKey config, long games) {
    return new LoopCounts(
        games,
        succeeded(metrics, SyncService.NAME, config),
        succeeded(metrics, ExportService.NAME, config),
        succeeded(metrics, TrainingService.NAME, config),
        succeeded(metrics, EvaluationService.NAME, config),
        succeeded(metrics, PromotionService.NAME, config));
  }

  private static long succeeded(MetricRegistry metrics, String stage, ConfigKey config) {
    Counter counter =
        metrics
            .getCounters()
            .get("ringrift.stage." + stage + ".config." + ConfigKeys.format(config) + ".succeeded");
    return counter == null ? 0 : counter.getCount();
  }
}
