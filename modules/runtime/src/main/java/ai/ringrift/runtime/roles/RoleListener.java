package ai.ringrift.runtime.roles;

/**
 * Told when this instance acquires or loses a role. Both run on the election's thread inside the
 * consumer's rebalance, so they return quickly: start the role's work on another thread in {@link
 * #acquired}, and stop it in {@link #lost} (waiting a little is fine and intended: on a graceful
 * hand-over the next holder is assigned only after {@code lost} returns).
 */
public interface RoleListener {
  /** The role is held from now on; act through {@code term}. */
  void acquired(RoleTerm term);

  /** The role is no longer held; {@code term.isHeld()} is already false. Stop acting. */
  void lost(RoleTerm term);
}
