package ai.ringrift.events.catalog;

/**
 * A difference between the catalog and a topic on the cluster. Reported, never fixed silently:
 * changing partitions moves keys between partitions, and that is an operator's decision.
 *
 * @param topic the topic
 * @param property {@code partitions}, {@code replication.factor} or a topic config name
 * @param expected the catalog's value
 * @param actual the cluster's value
 */
public record TopicDrift(String topic, String property, String expected, String actual) {
  @Override
  public String toString() {
    return topic
        + ": "
        + property
        + " is "
        + actual
        + " on the cluster, the catalog says "
        + expected;
  }
}
