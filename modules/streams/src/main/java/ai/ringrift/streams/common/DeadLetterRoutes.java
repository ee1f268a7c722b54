package ai.ringrift.streams.common;

import ai.ringrift.events.catalog.TopicCatalog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code topic=dlq} routes of {@link DeadLetterHandler}, taken from the topic catalog. */
public final class DeadLetterRoutes {
  private DeadLetterRoutes() {}

  /**
   * The routes for an app reading {@code sourceTopics}: each to its catalog DLQ. A source topic
   * without a DLQ is an error here, at start-up, not when its first bad record arrives.
   */
  public static String of(TopicCatalog catalog, Collection<String> sourceTopics) {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String topic : sourceTopics) {
      String dlq =
          catalog
              .dlqFor(topic)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          topic
                              + " has no dead-letter topic in the catalog; a Streams app only"
                              + " reads topics with one (set dlq: true in config/topics.yaml)"))
              .name();
      routes.put(topic, dlq);
    }
    return routes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** Parses {@code topic=dlq,...}. */
  static Map<String, String> parse(String routes) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String pair : routes.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return Map.copyOf(parsed);
  }
}
