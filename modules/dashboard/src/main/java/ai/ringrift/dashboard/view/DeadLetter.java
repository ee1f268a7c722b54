package ai.ringrift.dashboard.view;

import java.util.Map;

/**
 * A record of a dead-letter topic as the page lists it.
 *
 * @param dlq the dead-letter topic
 * @param partition its partition there
 * @param offset its offset there
 * @param at its timestamp (epoch ms)
 * @param key the original record key
 * @param failure its {@code ringrift.dlq.*} headers: where it came from, the error, the attempts,
 *     the subscriber that gave up
 * @param otherHeaders the names of its other headers (the original record's)
 * @param value the original value, as JSON when it decodes, else what is wrong with it
 */
public record DeadLetter(
    String dlq,
    int partition,
    long offset,
    long at,
    String key,
    Map<String, String> failure,
    java.util.List<String> otherHeaders,
    String value) {
  public DeadLetter {
    failure = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failure));
    otherHeaders = java.util.List.copyOf(otherHeaders);
  }
}
