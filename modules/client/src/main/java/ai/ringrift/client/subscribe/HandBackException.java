package ai.ringrift.client.subscribe;

/**
 * Thrown by a handler (or failing its future) that gives its event back unhandled because it is
 * stopping or its partition moved: not a failure. The subscriber neither counts, logs, retries nor
 * dead-letters it, and does not commit it: the partition's next owner (or the next start) gets the
 * event again.
 */
public class HandBackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code reason} says why the event was given back (for the debug log). */
  public HandBackException(String reason) {
    super(reason);
  }
}
