package ai.ringrift.benchmarks.loop;

/** A trigger and what reacts to it: the hops whose latency the loop benchmark measures. */
enum Hop {
  /** {@code SelfplayBatchCompleted} → the sync stage's {@code DataSyncCompleted} of its games. */
  BATCH_TO_SYNC("batch -> sync"),
  /** {@code DataSyncCompleted} → the export stage's {@code NpzExportCompleted} it triggered. */
  SYNC_TO_EXPORT("sync -> export"),
  /** {@code TrainingCompleted} → the evaluation stage's STARTED record for it. */
  TRAINED_TO_EVALUATING("training -> evaluation started"),
  /** {@code EvaluationCompleted} → the promotion controller's decision. */
  EVALUATED_TO_DECIDED("evaluation -> decision");

  private final String label;

  Hop(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
