package ai.ringrift.stages.export;

/** An export's output failed validation; the message says which array and what is wrong. */
public class InvalidExportException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidExportException(String message) {
    super(message);
  }

  public InvalidExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
