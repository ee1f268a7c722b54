package ai.ringrift.client.history;

/** The history could not be read: the broker did not answer in time, or a topic is missing. */
public class HistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
