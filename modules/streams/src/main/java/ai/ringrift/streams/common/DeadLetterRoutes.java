package ai.ringrift.streams.common;

import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code topic=dlq} routes of {@link DeadLetterHandler}, taken from the topic catalog. */
public final class DeadLetterRoutes {
  /** The route of a topic whose bad records are logged and skipped. */
  static final String SKIP = "";

  private DeadLetterRoutes() {}

  /**
   * The routes for an app reading {@code sourceTopics}: each event topic to its catalog DLQ. A
   * compacted state topic has no DLQ (its latest record per key is the state, and it stays there),
   * so a bad record on one is logged and skipped; a topic missing from the catalog is an error
   * here, at start-up.
   */
  public static String of(TopicCatalog catalog, Collection<String> sourceTopics) {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String topic : sourceTopics) {
      TopicSpec spec = catalog.topic(topic);
      routes.put(
          topic,
          catalog
              .dlqFor(topic)
              .map(TopicSpec::name)
              .orElseGet(
                  () -> {
                    if (spec.kind() != TopicKind.STATE) {
                      throw new IllegalArgumentException(
                          topic
                              + " has no dead-letter topic in the catalog; a Streams app reads"
                              + " event topics only with one (dlq: true in config/topics.yaml)");
                    }
                    return SKIP;
                  }));
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
        parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim()); // "" = SKIP
      }
    }
    return Map.copyOf(parsed);
  }
}
