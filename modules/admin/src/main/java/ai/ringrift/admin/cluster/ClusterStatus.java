package ai.ringrift.admin.cluster;

import java.util.List;
import java.util.Map;

/**
 * What {@code ringrift cluster status} reports.
 *
 * @param clusterId the cluster's id
 * @param controller id of the active controller, or -1 when unknown
 * @param brokers the brokers
 * @param partitions partitions of all topics
 * @param underReplicated partitions whose ISR is smaller than their replica set
 * @param offline partitions without a leader
 * @param groups consumer groups with their lag
 * @param daemons every daemon from its latest heartbeat, as {@code daemons status --output json}
 */
public record ClusterStatus(
    String clusterId,
    int controller,
    List<Broker> brokers,
    int partitions,
    List<String> underReplicated,
    List<String> offline,
    List<Group> groups,
    List<Map<String, Object>> daemons) {

  /** This status with {@code daemons}. */
  public ClusterStatus withDaemons(List<Map<String, Object>> daemons) {
    return new ClusterStatus(
        clusterId, controller, brokers, partitions, underReplicated, offline, groups, daemons);
  }

  /** A broker. */
  public record Broker(int id, String host, int port, String rack) {}

  /** A consumer group and how far behind it is, summed over its partitions. */
  public record Group(String group, String state, int members, long lag) {}
}
