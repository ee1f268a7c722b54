package ai.ringrift.client.subscribe;

import ai.ringrift.client.history.WireCheck;
import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.publish.ProducerConfigs;
import ai.ringrift.client.registry.SchemaRegistryException;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.serde.WireSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to events: typed handlers per event type, one consumer group per logical subscriber.
 *
 * <ul>
 *   <li><b>Nothing lost.</b> A new group starts at the earliest offset, so events published before
 *       the subscriber first ran are handled. Offsets are committed only after the handler
 *       finished, in order per partition (at-least-once); see {@link Deduplicator} for idempotency
 *       by event id.
 *   <li><b>Failures.</b> A retriable failure is retried with exponential backoff ({@code retry.*}
 *       in {@code client.yaml}); then, or at once for poison (an undecodable record, a {@link
 *       NonRetriableException}), the original record goes to the topic's DLQ with {@link
 *       DeadLetterHeaders}, and the partition moves on. {@link Failures} decides which is which.
 *   <li><b>One wire format.</b> A record in the other wire format than the subscriber's (see {@link
 *       WireSettings}) is a configuration error: the subscriber stops with it ({@link #failure()}),
 *       without dead-lettering or committing the record, and {@link #start()} refuses to start when
 *       a topic's latest record has the other format.
 *   <li><b>Slow handlers.</b> Handlers run on their own threads; the poll thread keeps polling and
 *       pauses a partition whose worker is behind, so {@code max.poll.interval.ms} is never
 *       exceeded and the group never rebalances because of a long handler.
 *   <li><b>Metrics.</b> handled / failed / dead-lettered / filtered counters and a handler timer
 *       per type, and the lag per partition (see {@link MetricNames}).
 * </ul>
 *
 * <pre>{@code
 * EventSubscriber evaluator = EventSubscriber.builder()
 *     .name("evaluation-trigger")
 *     .on(TrainingCompleted.class, (event, context) -> evaluate(event))
 *     .build()
 *     .start();
 * ...
 * evaluator.close(); // waits for running handlers, commits, leaves the group
 * }</pre>
 */
public final class EventSubscriber implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EventSubscriber.class);

  private final SubscriberConfig config;
  private final ExecutorService handlers;
  private final ScheduledExecutorService timer;
  private final DeadLetterWriter deadLetters;
  private final PollLoop loop;
  private final Thread thread;
  private boolean started;
  private boolean closed;

  EventSubscriber(SubscriberConfig config) {
    this.config = config;
    this.handlers =
        Executors.newFixedThreadPool(config.settings().handlerThreads(), threads("handler"));
    this.timer = Executors.newSingleThreadScheduledExecutor(threads("retry"));
    this.deadLetters =
        new DeadLetterWriter(
            config.name(),
            config.catalog(),
            () ->
                new KafkaProducer<>(
                    ProducerConfigs.of(
                        config.kafka(),
                        config.deadLetterSettings(),
                        "ringrift-dlq-" + config.name())));
    WorkerServices services =
        new WorkerServices(
            config.name(),
            handlers,
            timer,
            deadLetters,
            config.filter(),
            config.settings().retry(),
            config.clock(),
            new Halt());
    this.loop =
        new PollLoop(
            config.name(),
            new KafkaConsumer<>(consumerConfig(config)),
            config.byTopic(),
            services,
            config.settings(),
            config.metrics());
    this.thread = threads("poll").newThread(loop);
  }

  /** A builder; {@link SubscriberBuilder#name(String)} and one handler are required. */
  public static SubscriberBuilder builder() {
    return new SubscriberBuilder();
  }

  /**
   * Checks that the latest records of its topics have the subscriber's wire format, then joins the
   * group and starts handling events; returns this subscriber.
   *
   * @throws WireFormatMismatchException when a topic's latest record has the other format: the
   *     subscriber does not start (nothing is read, dead-lettered or committed); the message names
   *     the setting to change
   * @throws IllegalStateException when its schema registry does not answer
   */
  public synchronized EventSubscriber start() {
    if (started) {
      throw new IllegalStateException("subscriber " + config.name() + " was started already");
    }
    requireRegistry();
    WireCheck.verify(
        config.kafka(),
        config.serdes(),
        config.byTopic().values().stream().map(s -> s.topic).toList(),
        config.wireCheckTimeout(),
        "subscriber " + config.name());
    started = true;
    thread.start();
    LOGGER.info("subscriber={} started topics={}", config.name(), config.byTopic().keySet());
    return this;
  }

  /**
   * A registry that does not answer would make every record undecodable, and each would go to the
   * DLQ: the subscriber does not start without one.
   */
  private void requireRegistry() {
    config
        .serdes()
        .registry()
        .ifPresent(
            registry -> {
              try {
                registry.globalCompatibility();
              } catch (SchemaRegistryException e) {
                throw new IllegalStateException(
                    "subscriber "
                        + config.name()
                        + " did not start: "
                        + e.getMessage()
                        + "; set RINGRIFT_SCHEMA_REGISTRY_URL (or wire.schemaRegistryUrl in"
                        + " config/client.yaml) to the registry the platform uses",
                    e);
              }
            });
  }

  /** The subscriber's name. */
  public String name() {
    return config.name();
  }

  /** The consumer group: the subscriber's name, so every instance of it shares the work. */
  public String groupId() {
    return config.name();
  }

  /** The partitions this instance holds now (empty before the group assigned any). */
  public Set<TopicPartition> assignment() {
    return loop.assignment();
  }

  /** True while the poll thread runs; false after close or a fatal error. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** The error that stopped this subscriber, if one did (for a health check). */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(loop.failure());
  }

  /**
   * Stops gracefully: starts no further event, waits up to {@code closeTimeoutMs} for running
   * handlers, commits what finished and leaves the group.
   */
  @Override
  public void close() {
    stop(false);
  }

  /**
   * Stops as a crash would: nothing more is committed, running handlers are interrupted. For tests
   * of recovery.
   */
  void abort() {
    stop(true);
  }

  private synchronized void stop(boolean abort) {
    if (closed) {
      return;
    }
    closed = true;
    loop.requestStop(abort);
    if (abort) {
      handlers.shutdownNow();
    }
    try {
      if (started) {
        thread.join(config.settings().closeTimeoutMs() * 2 + 10_000);
      } else {
        loop.closeUnstarted();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdown(handlers);
    shutdown(timer);
    deadLetters.close();
    LOGGER.info("subscriber={} closed", config.name());
  }

  private static void shutdown(ExecutorService pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  private ThreadFactory threads(String role) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread t =
          new Thread(
              runnable, "ringrift-" + config.name() + "-" + role + "-" + count.incrementAndGet());
      t.setDaemon(!role.equals("poll"));
      return t;
    };
  }

  private static Map<String, Object> consumerConfig(SubscriberConfig config) {
    Map<String, Object> consumer = config.kafka().clientConfig();
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.name());
    consumer.putIfAbsent(
        ConsumerConfig.CLIENT_ID_CONFIG, ProducerConfigs.clientId("ringrift-" + config.name()));
    consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.settings().maxPollRecords());
    consumer.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, config.settings().maxPollIntervalMs());
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return consumer;
  }
}
