package ai.ringrift.benchmarks.publisher;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.contract.ConfigKeys;
import com.codahale.metrics.MetricRegistry;
import java.util.List;

/**
 * Our publisher doing what a trainer does, as fast as it can: build a {@link TrainingProgress}, let
 * the publisher fill its header (UUID, source, time, trace), route it by the catalog, key it by
 * config and serialize it, {@code records} times; then wait for every acknowledgement.
 */
final class OurPublisherRun {
  private final KafkaSettings kafka;
  private final TopicCatalog catalog;
  private final EventSerdes serdes;
  private final PublisherSettings settings;
  private final List<ConfigKey> configs;

  OurPublisherRun(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      PublisherSettings settings,
      int configs) {
    this.kafka = kafka;
    this.catalog = catalog;
    this.serdes = serdes;
    this.settings = settings;
    this.configs = ConfigKeys.all().subList(0, configs);
  }

  /** The event the benchmark sends, {@code seq} in its epoch field. */
  static TrainingProgress event(ConfigKey config, int seq) {
    return new TrainingProgress(null, config, "bench-job-000042", seq, 20, 0.4321, 0.4567);
  }

  /**
   * Records per second from the first publish until the publisher is closed (every record
   * acknowledged), timed as Kafka's tool times itself: it too closes its producer before it reads
   * its clock. Like the tool, it attaches nothing to each send; failures are read from the
   * publisher's counters at the end.
   */
  double run(int records) {
    MetricRegistry metrics = new MetricRegistry();
    EventPublisher publisher = publisher(metrics);
    long start = System.nanoTime();
    try {
      for (int i = 0; i < records; i++) {
        publisher.publish(event(configs.get(i % configs.size()), i));
      }
    } finally {
      publisher.close(); // flushes, then closes
    }
    long nanos = System.nanoTime() - start;
    long failed = metrics.counter(MetricNames.publishFailed("TrainingProgress")).getCount();
    long published = metrics.counter(MetricNames.published("TrainingProgress")).getCount();
    if (failed > 0 || published != records) {
      throw new IllegalStateException(
          "publishing failed: " + published + " acknowledged, " + failed + " failed");
    }
    return records / (nanos / 1e9);
  }

  /** Bytes of one event's value as it goes on the wire (header filled). */
  int valueSize() {
    TrainingProgress sample = event(configs.get(0), 123_456);
    try (EventPublisher publisher = publisher(new MetricRegistry())) {
      sample = TrainingProgress.newBuilder(sample).setHeader(publisher.newHeader()).build();
    }
    String topic = catalog.topicFor(TrainingProgress.class).name();
    return serdes.value(TrainingProgress.class).serializer().serialize(topic, sample).length;
  }

  EventPublisher publisher(MetricRegistry metrics) {
    return EventPublisher.builder()
        .kafka(kafka)
        .catalog(catalog)
        .serdes(serdes)
        .settings(settings)
        .source("bench-trainer@localhost")
        .metrics(metrics)
        .build();
  }
}
