package ai.ringrift.dashboard.view;

/**
 * How far one consumer group is behind.
 *
 * @param group the group
 * @param state its state (STABLE, EMPTY, ...)
 * @param lag records behind, summed over its partitions
 * @param partitions partitions it committed offsets for
 * @param worst the partition furthest behind ({@code topic-partition}), if any
 * @param worstLag how far that one is behind
 */
public record ConsumerGroupLag(
    String group, String state, long lag, int partitions, String worst, long worstLag) {}
