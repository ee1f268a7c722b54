package ai.ringrift.client.publish;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.contract.Events;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to their catalog topics: what trainers, selfplay workers and services use to
 * tell the rest of the loop what happened.
 *
 * <ul>
 *   <li>The topic comes from the catalog by the event's class, the record key from the topic's key
 *       kind (e.g. the config key {@code square8_2p}); callers never type a topic name.
 *   <li>An event without a header gets one, filled in place: a new UUID, this publisher's source,
 *       the clock's time and a new trace id, or the cause's trace when reacting to an event. The
 *       record is made by {@link EventRecords}, the route every writer shares: its timestamp is the
 *       header's {@code occurred_at}.
 *   <li>Durable: {@code acks=all} and the idempotent producer, always.
 *   <li>{@link #publish} is asynchronous; {@code publish(e).get()} or {@link #publishSync} wait for
 *       the broker's acknowledgement. An unreachable broker fails the future with a {@link
 *       PublishException} after {@code maxBlockMs} (metadata) or {@code deliveryTimeoutMs}.
 *   <li>{@link #close()} sends what is buffered before it returns.
 *   <li>A retry is a copy: {@link #retry(PublishException)} (or publishing the same event object
 *       again) keeps the event's header and {@code event_id}, so consumers count it once.
 * </ul>
 *
 * <pre>{@code
 * try (EventPublisher publisher =
 *     EventPublisher.builder().source("trainer@gpu-node-3").build()) {
 *   TrainingRun run = publisher.trainingRun(ConfigKeys.parse("square8_2p"), "job-42");
 *   run.started("data/square8_2p.npz", "models/candidate.pth", 20).get();
 *   run.completed("model-7", "models/candidate.pth", 20, 0.41, 85_000, elapsed).get();
 * }
 * }</pre>
 *
 * Thread-safe; share one publisher per process.
 */
public final class EventPublisher implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EventPublisher.class);

  private final Producer<byte[], byte[]> producer;
  private final PublisherConfig config;
  private final HeaderFactory headers;
  private final Outcomes outcomes;
  private final EventRecords records;
  private volatile boolean closed;

  EventPublisher(PublisherConfig config, Producer<byte[], byte[]> producer) {
    this.config = config;
    this.producer = producer;
    this.headers = new HeaderFactory(config.source(), config.clock());
    this.outcomes = new Outcomes(config.kafka(), config.settings());
    this.records = new EventRecords(config.catalog(), config.serdes(), config.metrics());
  }

  /** A builder; {@link PublisherBuilder#source(String)} is required. */
  public static PublisherBuilder builder() {
    return new PublisherBuilder();
  }

  /** Who publishes, e.g. {@code trainer@gpu-node-3}: the {@code source} of every header filled. */
  public String source() {
    return config.source();
  }

  /** Publishes {@code event} (filling its header when absent) and returns the acknowledgement. */
  public <T extends SpecificRecord> CompletableFuture<PublishedEvent> publish(T event) {
    return send(event, null);
  }

  /**
   * Publishes {@code event} as a reaction to {@code cause}: its header (which must be absent) gets
   * the cause's trace id and names the cause as {@code causation_id}.
   */
  public <T extends SpecificRecord> CompletableFuture<PublishedEvent> publish(
      T event, SpecificRecord cause) {
    return send(event, lineageOf(cause));
  }

  /** Publishes and waits for the acknowledgement; failures are {@link PublishException}s. */
  public <T extends SpecificRecord> PublishedEvent publishSync(T event) {
    CompletableFuture<PublishedEvent> sent = publish(event); // fills the header first
    return outcomes.await(
        sent,
        config.catalog().topicFor(event.getClass()).name(),
        event,
        Events.eventId(event).orElse(null));
  }

  /**
   * Sends the event of a failed publish again, as a copy: the same header, so the same {@code
   * event_id}. After a timeout the first send may have landed all the same (its acknowledgement was
   * lost); consumers apply the two copies once, where a rebuilt event with a new id would count
   * twice. The same holds for {@code publish(event)} of an event object already published once: its
   * header was filled in place and is kept.
   *
   * @throws IllegalArgumentException when {@code failure} carries no event (it did not come from
   *     this publisher)
   */
  public CompletableFuture<PublishedEvent> retry(PublishException failure) {
    SpecificRecord event =
        failure
            .event()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the failed publish to "
                            + failure.topic()
                            + " carries no event to send again: publish the event object itself"));
    return publish(event);
  }

  /**
   * A header for an event that starts a new trace (named after the event: trace id = event id), for
   * callers who use Avro builders.
   */
  public EventHeader newHeader() {
    return headers.create(Lineage.root());
  }

  /** A header for an event reacting to {@code cause}. */
  public EventHeader headerReactingTo(SpecificRecord cause) {
    return headers.create(lineageOf(cause));
  }

  EventHeader header(Lineage lineage) {
    return headers.create(lineage);
  }

  /** Typed helpers for one training job of {@code config}; its events share one trace. */
  public TrainingRun trainingRun(ConfigKey config, String jobId) {
    return new TrainingRun(this, config, jobId, Lineage.fresh());
  }

  /** Publishes that a selfplay worker finished a batch of games. */
  public CompletableFuture<PublishedEvent> selfplayBatchCompleted(
      ConfigKey config,
      String node,
      int gamesCompleted,
      long totalGames,
      String gamesPath,
      String modelId,
      Duration duration) {
    return publish(
        SelfplayBatchCompleted.newBuilder()
            .setHeader(newHeader())
            .setConfig(config)
            .setNode(node)
            .setGamesCompleted(gamesCompleted)
            .setTotalGames(totalGames)
            .setGamesPath(gamesPath)
            .setModelId(modelId)
            .setDurationSeconds(duration.toMillis() / 1000.0)
            .build());
  }

  /** Sends everything buffered and waits for the acknowledgements. */
  public void flush() {
    producer.flush();
  }

  /** Flushes, then closes the producer (waiting at most the delivery timeout). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    producer.flush();
    producer.close(Duration.ofMillis(config.settings().deliveryTimeoutMs()));
    LOGGER.info("publisher closed source={}", config.source());
  }

  <T extends SpecificRecord> CompletableFuture<PublishedEvent> send(T event, Lineage lineage) {
    if (closed) {
      throw new IllegalStateException("publisher of " + config.source() + " is closed");
    }
    @SuppressWarnings("unchecked")
    RecordRoute<T> route = records.route((Class<T>) event.getClass());
    if (lineage != null && Events.header(event).isPresent()) {
      throw new IllegalArgumentException(
          route.typeName + " already has a header; pass a cause only for events without one");
    }
    EventHeader header =
        headers.ensure(event, route.headerField, lineage == null ? Lineage.root() : lineage);
    String eventId = header == null ? null : header.getEventId();
    String key = route.keyOf(event);
    ProducerRecord<byte[], byte[]> record = route.record(event, key);
    Delivery delivery = new Delivery(route, outcomes, event, eventId, key);
    producer.send(record, delivery);
    return delivery;
  }

  private static Lineage lineageOf(SpecificRecord cause) {
    return Lineage.reactingTo(
        Events.header(cause)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        Events.typeName(cause) + " has no header to react to")));
  }

  static EventPublisher create(PublisherConfig config) {
    Map<String, Object> producerConfig =
        ProducerConfigs.of(
            config.kafka(), config.settings(), "ringrift-publisher-" + config.source());
    return new EventPublisher(
        config, new org.apache.kafka.clients.producer.KafkaProducer<>(producerConfig));
  }
}
