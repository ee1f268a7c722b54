package ai.ringrift.client.subscribe;

/**
 * Thrown by a handler for an event that can never succeed (it names a model that does not exist, a
 * path outside the data root): the event goes to the DLQ at once instead of being retried.
 */
public class NonRetriableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code message} says why the event can never succeed; it goes to the DLQ headers. */
  public NonRetriableException(String message) {
    super(message);
  }

  /** As {@link #NonRetriableException(String)}, with the failure that showed it. */
  public NonRetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
