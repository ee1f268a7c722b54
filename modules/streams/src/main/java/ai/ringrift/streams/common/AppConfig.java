package ai.ringrift.streams.common;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.ServiceContext;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a Streams app's {@code buildTopology} needs: its rules and how it meets the topics. The same
 * record is built by {@code main} (from the service context) and by tests.
 *
 * @param rules the app's validated thresholds (e.g. {@code SignalsConfig})
 * @param catalog the topic catalog: topic names and dead-letter topics
 * @param serdes the only source of serdes, so the registry's can be plugged in
 * @param source the {@code source} of the events the app emits, e.g. {@code signal-computer@host-1}
 * @param dedup how long the app remembers the events it applied ({@link SeenEvents})
 * @param <R> the rules' type
 */
public record AppConfig<R>(
    R rules, TopicCatalog catalog, EventSerdes serdes, String source, DedupSettings dedup) {
  public AppConfig {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dedup, "dedup");
  }

  /** A config with the packaged dedup settings (tests, the what-if replay of a packaged config). */
  public AppConfig(R rules, TopicCatalog catalog, EventSerdes serdes, String source) {
    this(rules, catalog, serdes, source, DedupSettings.defaults());
  }

  /** The config of app {@code name} in {@code context}: its catalog, serdes and instance. */
  public static <R> AppConfig<R> of(ServiceContext context, R rules, String name) {
    return new AppConfig<>(
        rules,
        context.catalog(),
        context.serdes(),
        name + "@" + context.runtime().instanceId(),
        DedupSettings.load(context.config()));
  }

  /** The catalog names of the topics that carry {@code types}. */
  public List<String> topics(List<Class<? extends SpecificRecord>> types) {
    return types.stream().map(this::topic).toList();
  }

  /** The catalog name of the topic that carries {@code type}. */
  public String topic(Class<? extends SpecificRecord> type) {
    return catalog.topicFor(type).name();
  }

  /** A copy with other rules (the what-if replay changes thresholds). */
  public <S> AppConfig<S> withRules(S other) {
    return new AppConfig<>(other, catalog, serdes, source, dedup);
  }
}
