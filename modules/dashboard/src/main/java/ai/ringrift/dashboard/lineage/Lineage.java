package ai.ringrift.dashboard.lineage;

import java.time.Instant;
import java.util.List;

/**
 * The chain of events that made a model, oldest first: the selfplay batches and the sync behind the
 * export it trained on, the training, its evaluations, and the decisions about it; and the other
 * events of the same traces.
 *
 * @param model the model
 * @param config its config
 * @param outcome what became of it: the last decision ({@code promoted}, {@code rejected}, {@code
 *     rolled back}), else how far it got ({@code evaluated}, {@code trained})
 * @param steps the chain, oldest first
 * @param sameTrace other events of the traces the chain belongs to, oldest first
 */
public record Lineage(
    String model, String config, String outcome, List<Step> steps, List<Step> sameTrace) {
  public Lineage {
    steps = List.copyOf(steps);
    sameTrace = List.copyOf(sameTrace);
  }

  /**
   * One event of the chain.
   *
   * @param stage the loop stage it belongs to: selfplay, sync, export, signal, training,
   *     evaluation, promotion, rollback, operator
   * @param type the event type
   * @param at when it occurred
   * @param eventId its id
   * @param traceId its trace
   * @param causationId the event it reacts to
   * @param via how it is linked to the chain, e.g. {@code cause of DataSyncCompleted}
   * @param summary its fields in one line
   */
  public record Step(
      String stage,
      String type,
      Instant at,
      String eventId,
      String traceId,
      String causationId,
      String via,
      String summary) {}
}
