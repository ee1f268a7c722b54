package ai.ringrift.admin.cluster;

import java.util.List;

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
 */
public record ClusterStatus(
    String clusterId,
    int controller,
    List<Broker> brokers,
    int partitions,
    List<String> underReplicated,
    List<String> offline,
    List<Group> groups) {

  /** A broker. */
  public record Broker(int id, String host, int port, String rack) {}

  /** A consumer group and how far behind it is, summed over its partitions. */
  public record Group(String group, String state, int members, long lag) {}
}
