package ai.ringrift.stages.action;

/** Receives progress while an action runs (training epochs, for dashboards). */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener IGNORE = progress -> {};

  /**
   * Called on the action's output thread for every progress report; must return quickly and must
   * not throw (an exception is logged and ignored so that it cannot fail the action).
   */
  void onProgress(Progress progress);
}
