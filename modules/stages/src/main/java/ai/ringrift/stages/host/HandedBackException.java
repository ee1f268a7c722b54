package ai.ringrift.stages.host;

import ai.ringrift.client.subscribe.HandBackException;

/**
 * A run was handed back: its service is stopping or its trigger's partition moved to another
 * instance. The trigger is left uncommitted for the partition's next owner, which finds the run's
 * INTERRUPTED record (or the last failed attempt) and goes on from there. As a {@link
 * HandBackException}, the subscriber takes it for what it is, not for a failure.
 */
public final class HandedBackException extends HandBackException {
  private static final long serialVersionUID = 1L;

  public HandedBackException(String reason) {
    super(reason);
  }
}
