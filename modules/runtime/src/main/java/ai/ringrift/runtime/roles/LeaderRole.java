package ai.ringrift.runtime.roles;

/**
 * A job exactly one instance in the cluster may do at a time. The name is the record key of the
 * role's {@code RoleChanged} events and part of its consumer group and transactional id.
 */
public enum LeaderRole {
  /** Publishes promoted models to where selfplay reads them, and rolls them back. */
  PROMOTION_LEADER,
  /** Copies data to and from external drives. */
  EXTERNAL_SYNC_LEADER,
  /** Grants bandwidth to transfers within the cluster-wide limits. */
  BANDWIDTH_ALLOCATOR,
  /** Runs model distillation. */
  DISTILLATION_LEADER,
  /** Drives the rented-CPU (vast) selfplay pipeline. */
  VAST_PIPELINE_LEADER
}
