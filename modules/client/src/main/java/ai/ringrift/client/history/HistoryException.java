package ai.ringrift.client.history;

/** The history could not be read: the broker did not answer in time, or a topic is missing. */
public class HistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure to read, with what was being read and the cause (may be null). */
  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
