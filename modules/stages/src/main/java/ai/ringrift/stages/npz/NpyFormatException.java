package ai.ringrift.stages.npz;

/** A file is not a valid NPY array or NPZ archive; the message says what is wrong and where. */
public class NpyFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NpyFormatException(String message) {
    super(message);
  }

  public NpyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
