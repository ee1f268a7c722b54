package ai.ringrift.runtime.roles;

/**
 * The role is no longer held: the term ended, or a newer holder fenced this one's writes. Whatever
 * the holder was about to do must not be done; the new holder redoes it from the topics.
 */
public class RoleLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final LeaderRole role;

  public RoleLostException(LeaderRole role, String reason, Throwable cause) {
    super(role + " is no longer held by this instance: " + reason, cause);
    this.role = role;
  }

  /** The role that was lost. */
  public LeaderRole role() {
    return role;
  }
}
