package ai.ringrift.client.subscribe;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.metrics.ClientMetrics;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.catalog.TopicCatalog;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds an {@link EventSubscriber}: a name (its consumer group), one handler per event type, and
 * optional filters. Defaults as for the publisher: Kafka from the environment, the catalog and
 * {@code config/client.yaml} from {@link ConfigSource#discover()}, serdes {@link EventSerdes#from}
 * the Kafka settings and the config (Confluent-framed Avro through the registry unless {@code
 * wire.format} says plain), the system clock and the process-wide metric registry reported through
 * JMX.
 */
public final class SubscriberBuilder {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private String name;
  private KafkaSettings kafka;
  private ConfigSource config;
  private TopicCatalog catalog;
  private EventSerdes serdes;
  private SubscriberSettings settings;
  private PublisherSettings deadLetterSettings;
  private Clock clock = Clock.systemUTC();
  private MetricRegistry metrics;
  private final EventFilters filters = new EventFilters();
  private final Map<Class<? extends SpecificRecord>, BacklogHandler<?>> handlers =
      new LinkedHashMap<>();

  SubscriberBuilder() {}

  /**
   * The logical subscriber, e.g. {@code evaluation-trigger}: its consumer group, so instances with
   * one name share the partitions and resume from its committed offsets. Required.
   */
  public SubscriberBuilder name(String name) {
    this.name = name;
    return this;
  }

  /** Handles {@code type} with a synchronous handler. */
  public <T extends SpecificRecord> SubscriberBuilder on(Class<T> type, EventHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return onAsync(
        type,
        (event, context) -> {
          handler.handle(event, context);
          return CompletableFuture.completedFuture(null);
        });
  }

  /** Handles {@code type} with a handler that completes a stage when done. */
  public <T extends SpecificRecord> SubscriberBuilder onAsync(
      Class<T> type, AsyncEventHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return onAsyncWithBacklog(type, (event, context, backlog) -> handler.handle(event, context));
  }

  /**
   * Handles {@code type} with a handler that completes a stage when done and may look at the events
   * of the type waiting behind the one it handles ({@link BacklogHandler}).
   */
  public <T extends SpecificRecord> SubscriberBuilder onAsyncWithBacklog(
      Class<T> type, BacklogHandler<T> handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    if (handlers.putIfAbsent(type, handler) != null) {
      throw new IllegalArgumentException(
          type.getSimpleName() + " has a handler already; one handler per event type");
    }
    return this;
  }

  /** Who this subscriber is when it publishes too, e.g. {@code evaluator@gpu-node-3}. */
  public SubscriberBuilder source(String source) {
    filters.source(source);
    return this;
  }

  /** Loop guard: skip events whose header source is this subscriber's {@link #source}. */
  public SubscriberBuilder ignoreOwnEvents() {
    filters.ignoreOwn();
    return this;
  }

  /** Handles only events of these configs (events without a config are not affected). */
  public SubscriberBuilder configs(ConfigKey... configs) {
    filters.configs(configs);
    return this;
  }

  /** Handles only events from these sources. */
  public SubscriberBuilder fromSources(String... sources) {
    filters.sources(sources);
    return this;
  }

  /** Handles only events matching {@code predicate} (combined with the other filters). */
  public SubscriberBuilder filter(java.util.function.Predicate<SpecificRecord> predicate) {
    filters.predicate(predicate);
    return this;
  }

  /** How to reach the cluster. */
  public SubscriberBuilder kafka(KafkaSettings kafka) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    return this;
  }

  /** Where the catalog and {@code client.yaml} come from. */
  public SubscriberBuilder config(ConfigSource config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** The topic catalog (default: loaded from the config source). */
  public SubscriberBuilder catalog(TopicCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    return this;
  }

  /** The serdes (default: {@link EventSerdes#from} the Kafka settings, the config and catalog). */
  public SubscriberBuilder serdes(EventSerdes serdes) {
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    return this;
  }

  /** The subscriber's bounds (default: {@code client.yaml} of the config source). */
  public SubscriberBuilder settings(SubscriberSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Bounds of the DLQ producer (default: the publisher section of {@code client.yaml}). */
  public SubscriberBuilder deadLetterSettings(PublisherSettings settings) {
    this.deadLetterSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** The clock stamping failure times in DLQ headers. */
  public SubscriberBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The registry to count in; a service passes its runtime's, which reports it. */
  public SubscriberBuilder metrics(MetricRegistry metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * Creates the subscriber (not started; call {@link EventSubscriber#start()}).
   *
   * @throws IllegalStateException when the name or every handler is missing, or the loop guard has
   *     no source
   * @throws IllegalArgumentException when an event type has no topic in the catalog
   */
  public EventSubscriber build() {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalStateException(
          "an EventSubscriber needs a name (its consumer group) of letters, digits, '.', '_'"
              + " or '-', e.g. name(\"evaluation-trigger\"); was '"
              + name
              + "'");
    }
    if (handlers.isEmpty()) {
      throw new IllegalStateException(
          "subscriber " + name + " has no handler: add one with on(Type.class, handler)");
    }
    ConfigSource from = config != null ? config : ConfigSource.discover();
    TopicCatalog topics = catalog != null ? catalog : TopicCatalog.load(from);
    KafkaSettings cluster = kafka != null ? kafka : KafkaSettings.fromEnvironment();
    EventSerdes codecs = serdes != null ? serdes : EventSerdes.from(cluster, from, topics);
    MetricRegistry registry = ClientMetrics.orDefault(metrics);
    return new EventSubscriber(
        new SubscriberConfig(
            name,
            cluster,
            topics,
            settings != null ? settings : SubscriberSettings.load(from),
            deadLetterSettings != null ? deadLetterSettings : PublisherSettings.load(from),
            subscriptions(topics, codecs, registry),
            filters.build(name),
            clock,
            registry,
            codecs,
            WireSettings.load(from).checkTimeout()));
  }

  private Map<String, Subscription<? extends SpecificRecord>> subscriptions(
      TopicCatalog topics, EventSerdes codecs, MetricRegistry registry) {
    Map<String, Subscription<? extends SpecificRecord>> byTopic = new LinkedHashMap<>();
    handlers.forEach(
        (type, handler) ->
            byTopic.put(
                topics.topicFor(type).name(),
                subscription(topics, codecs, registry, type, handler)));
    return byTopic;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Subscription<? extends SpecificRecord> subscription(
      TopicCatalog topics,
      EventSerdes codecs,
      MetricRegistry registry,
      Class<? extends SpecificRecord> type,
      BacklogHandler<?> handler) {
    return new Subscription(
        topics.topicFor(type), type, (BacklogHandler) handler, codecs, registry, name);
  }
}
