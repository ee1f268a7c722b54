package ai.ringrift.admin.audit;

import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outcome of one run of a stage's action, as the audit counts it: a trigger ({@code
 * causation_id}) may yield one per stage and target, never two.
 *
 * @param stage the stage, with the sync's direction ({@code sync GAMES}, {@code sync MODELS})
 * @param trigger the event the run reacted to
 * @param target what the run produced for: a selfplay host of a sync, otherwise empty
 * @param config the config key
 */
record StageOutput(String stage, String trigger, String target, String config) {
  /** The stage outputs the audit counts. */
  static final List<Class<? extends SpecificRecord>> TYPES =
      List.of(
          NpzExportCompleted.class,
          TrainingCompleted.class,
          EvaluationCompleted.class,
          DataSyncCompleted.class);

  /** The output {@code event} stands for. */
  static StageOutput of(SpecificRecord event) {
    if (event instanceof NpzExportCompleted e) {
      return of("export", e.getHeader(), "", ConfigKeys.format(e.getConfig()));
    }
    if (event instanceof TrainingCompleted e) {
      return of("training", e.getHeader(), "", ConfigKeys.format(e.getConfig()));
    }
    if (event instanceof EvaluationCompleted e) {
      return of("evaluation", e.getHeader(), "", ConfigKeys.format(e.getConfig()));
    }
    if (event instanceof DataSyncCompleted e) {
      return of(
          "sync " + e.getSyncType(),
          e.getHeader(),
          e.getSourceNode() + "->" + String.join(",", e.getTargets()),
          ConfigKeys.format(e.getConfig()));
    }
    throw new IllegalArgumentException("not a stage output: " + event.getSchema().getName());
  }

  private static StageOutput of(String stage, EventHeader header, String target, String config) {
    String trigger =
        header.getCausationId() == null ? header.getEventId() : header.getCausationId();
    return new StageOutput(stage, trigger, target, config);
  }
}
