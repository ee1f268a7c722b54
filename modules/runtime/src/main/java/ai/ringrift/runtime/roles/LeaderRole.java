package ai.ringrift.runtime.roles;

/**
 * A job exactly one instance in the cluster may do at a time. The name is the record key of the
 * role's {@code RoleChanged} events and part of its consumer group and transactional id. A role is
 * listed here only while something holds it: promotion decisions need none (the promotion
 * controller's partitions give each config one decider), the original's external-sync, distillation
 * and rented-CPU leaders have no service here.
 */
public enum LeaderRole {
  /** Grants bandwidth to transfers within the cluster-wide limits ({@code bandwidth-allocator}). */
  BANDWIDTH_ALLOCATOR
}
