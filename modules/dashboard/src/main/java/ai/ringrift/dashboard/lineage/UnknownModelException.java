package ai.ringrift.dashboard.lineage;

/** No event names the model: it was never trained, evaluated or decided on, or it is misspelt. */
public final class UnknownModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The model {@code model} is named by no event. */
  public UnknownModelException(String model) {
    super(
        "no event names model "
            + model
            + "; `ringrift models list` shows the models of every config");
  }
}
