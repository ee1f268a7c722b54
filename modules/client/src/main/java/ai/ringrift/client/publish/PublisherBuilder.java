package ai.ringrift.client.publish;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.WireCheck;
import ai.ringrift.client.metrics.ClientMetrics;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds an {@link EventPublisher}. Only {@link #source(String)} is required; everything else has a
 * default: Kafka from the environment ({@link KafkaSettings#fromEnvironment()}), the catalog and
 * {@code config/client.yaml} from {@link ConfigSource#discover()}, serdes {@link EventSerdes#from}
 * the Kafka settings and the config (Confluent-framed Avro through the registry that {@link
 * WireSettings#resolve} finds, unless {@code wire.format} says plain), the system UTC clock, and
 * the process-wide metric registry reported through JMX. {@link #build()} checks that the topics'
 * latest records have the publisher's wire format ({@link WireCheck}).
 */
public final class PublisherBuilder {
  private KafkaSettings kafka;
  private ConfigSource config;
  private TopicCatalog catalog;
  private EventSerdes serdes;
  private PublisherSettings settings;
  private String source;
  private Clock clock = Clock.systemUTC();
  private MetricRegistry metrics;

  PublisherBuilder() {}

  /** Who publishes, e.g. {@code trainer@gpu-node-3}; written to every header. Required. */
  public PublisherBuilder source(String source) {
    this.source = source;
    return this;
  }

  /** How to reach the cluster. */
  public PublisherBuilder kafka(KafkaSettings kafka) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    return this;
  }

  /** Where the catalog and {@code client.yaml} come from. */
  public PublisherBuilder config(ConfigSource config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** The topic catalog (default: loaded from the config source). */
  public PublisherBuilder catalog(TopicCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    return this;
  }

  /** The serdes (default: {@link EventSerdes#from} the Kafka settings, the config and catalog). */
  public PublisherBuilder serdes(EventSerdes serdes) {
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    return this;
  }

  /** The publisher's bounds (default: {@code client.yaml} of the config source). */
  public PublisherBuilder settings(PublisherSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** The clock stamping {@code occurred_at}. */
  public PublisherBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The registry to count in; a service passes its runtime's, which reports it. */
  public PublisherBuilder metrics(MetricRegistry metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * Connects a publisher.
   *
   * @throws IllegalStateException when no source was given
   * @throws WireFormatMismatchException when a topic's latest record has the other wire format
   *     (nothing is written; the message names the setting to change)
   */
  public EventPublisher build() {
    if (source == null || source.isBlank()) {
      throw new IllegalStateException(
          "an EventPublisher needs a source: call source(\"trainer@gpu-node-3\") with who"
              + " publishes, so every event says where it came from");
    }
    ConfigSource from = config != null ? config : ConfigSource.discover();
    TopicCatalog topics = catalog != null ? catalog : TopicCatalog.load(from);
    KafkaSettings cluster = kafka != null ? kafka : KafkaSettings.fromEnvironment();
    EventSerdes codecs = serdes != null ? serdes : EventSerdes.from(cluster, from, topics);
    PublisherSettings bounds = settings != null ? settings : PublisherSettings.load(from);
    // no longer than a send would wait for an unreachable broker
    Duration check = WireSettings.load(from).checkTimeout();
    WireCheck.verify(
        cluster,
        codecs,
        topics.topics(),
        check.compareTo(Duration.ofMillis(bounds.maxBlockMs())) < 0
            ? check
            : Duration.ofMillis(bounds.maxBlockMs()),
        "publisher " + source);
    return EventPublisher.create(
        new PublisherConfig(
            cluster, topics, codecs, bounds, source, clock, ClientMetrics.orDefault(metrics)));
  }
}
