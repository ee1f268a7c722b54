package ai.ringrift.stages.action;

/**
 * An action's result lacks a field or has one of the wrong type. The message names the field (e.g.
 * {@code result.final_loss must be a finite number, was "n/a"}); stages report it as an {@link
 * FailureKind#UNPARSEABLE_OUTPUT} failure.
 */
public class ResultFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResultFormatException(String message) {
    super(message);
  }
}
