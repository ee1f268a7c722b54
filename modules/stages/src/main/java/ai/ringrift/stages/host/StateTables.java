package ai.ringrift.stages.host;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.Failures;
import ai.ringrift.events.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacted state topics read as tables ({@code ringrift.state.stage-runs}, {@code .circuits},
 * {@code .signals}, {@code .models}): the latest committed value per key, kept current by one
 * consumer thread that reads every partition (no consumer group). A stage reads these before it
 * acts; {@link #awaitCaughtUp} makes sure what it reads includes everything committed before the
 * call (it wakes the reader, so a stage pays a round trip for it, not the reader's poll timeout),
 * and {@link #applyOwn} shows the stage its own writes at once.
 */
public final class StateTables implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StateTables.class);
  private static final Duration POLL = Duration.ofMillis(50);

  /** A value and where it was read, so an older record read late cannot replace a newer one. */
  private record Entry(SpecificRecord value, long offset) {}

  /** A wait for the reader to reach the ends of the partitions as of the request. */
  private static final class Barrier {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    Map<TopicPartition, Long> target;
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
  private final Map<Class<?>, String> topics = new HashMap<>();
  private final Map<String, Map<String, Entry>> tables = new ConcurrentHashMap<>();
  private final Queue<Barrier> barriers = new ConcurrentLinkedQueue<>();
  private final List<Barrier> waiting = new ArrayList<>();
  private final Object changes = new Object();
  private final Thread thread;
  private volatile long version;
  private volatile boolean closed;
  private volatile boolean reading;
  private volatile String lastError;

  private StateTables(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      Collection<Class<? extends SpecificRecord>> types) {
    for (Class<? extends SpecificRecord> type : types) {
      String topic = catalog.topicFor(type).name();
      topics.put(type, topic);
      decoders.put(topic, serdes.value(type).deserializer());
      tables.put(topic, new ConcurrentHashMap<>());
    }
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::read, "state-tables");
    thread.setDaemon(true);
  }

  /** Starts reading the state topics of {@code types} from their beginning. */
  public static StateTables start(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      Collection<Class<? extends SpecificRecord>> types) {
    StateTables tables = new StateTables(kafka, catalog, serdes, types);
    tables.thread.start();
    return tables;
  }

  /** The latest value of {@code key} in the table of {@code type}, or null. */
  public <V extends SpecificRecord> V get(Class<V> type, String key) {
    Entry entry = table(type).get(key);
    return entry == null ? null : type.cast(entry.value());
  }

  /** Every key's latest value in the table of {@code type}. */
  public <V extends SpecificRecord> Map<String, V> all(Class<V> type) {
    Map<String, V> copy = new HashMap<>();
    table(type).forEach((key, entry) -> copy.put(key, type.cast(entry.value())));
    return copy;
  }

  /** Shows a value this process just committed at {@code offset} before the reader gets to it. */
  public void applyOwn(SpecificRecord value, String key, long offset) {
    apply(topics.get(value.getClass()), key, value, offset);
  }

  /**
   * Waits until the tables hold everything committed to their topics before this call.
   *
   * @throws TimeoutException when the reader did not get there within {@code timeout}
   */
  public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
    Barrier barrier = new Barrier();
    barriers.add(barrier);
    if (reading) {
      consumer.wakeup(); // served now, not after the reader's poll times out
    }
    try {
      barrier.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("state tables stopped: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "state tables did not catch up with "
              + topics.values()
              + " within "
              + timeout
              + (lastError == null ? "" : "; last error: " + lastError));
    }
  }

  /** A number that grows with every change; pass it to {@link #awaitChange}. */
  public long version() {
    return version;
  }

  /** Waits until a table changed after {@code seen} (a {@link #version()}), at most {@code max}. */
  public void awaitChange(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (changes) {
      while (version == seen && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(changes, left);
      }
    }
  }

  /** The reader's last error, if its latest poll failed. */
  public java.util.Optional<String> lastError() {
    return java.util.Optional.ofNullable(lastError);
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (changes) {
      changes.notifyAll();
    }
  }

  private Map<String, Entry> table(Class<?> type) {
    String topic = topics.get(type);
    if (topic == null) {
      throw new IllegalArgumentException("these state tables do not read " + type.getSimpleName());
    }
    return tables.get(topic);
  }

  private void read() {
    try {
      List<TopicPartition> partitions = assign();
      reading = true; // from now on a wakeup can only end a poll (or an end-offsets request)
      while (!closed) {
        try {
          try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
              decode(record);
            }
          } catch (WakeupException e) {
            // a barrier was asked for: serve it without waiting for records
          }
          lastError = null;
          serveBarriers(partitions);
        } catch (WakeupException e) {
          // a barrier asked while the last one was served: the next round serves it
        } catch (RuntimeException e) {
          if (Failures.classify(e) == Failures.Kind.MISCONFIGURED) {
            throw e; // the other wire format: stop here rather than read on past the record
          }
          lastError = e.toString();
          LOGGER.warn(
              "state tables: reading {} failed (will retry): {}", topics.values(), e.toString());
          pause();
        }
      }
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOGGER.error("state tables stopped: {}", e.toString(), e);
      barriers.forEach(b -> b.done.completeExceptionally(e));
      waiting.forEach(b -> b.done.completeExceptionally(e));
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> assign() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : decoders.keySet()) {
      consumer
          .partitionsFor(topic, Duration.ofSeconds(60))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private void decode(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    SpecificRecord value;
    try {
      value =
          record.value() == null
              ? null
              : decoders.get(record.topic()).deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      Failures.rethrowMisconfiguration(e);
      // a state topic has no DLQ: the record stays where it is, and the table goes on without it
      LOGGER.warn(
          "state tables: skipping an undecodable record topic={} partition={} offset={}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    apply(record.topic(), key, value, record.offset());
  }

  private void apply(String topic, String key, SpecificRecord value, long offset) {
    Map<String, Entry> table = tables.get(topic);
    table.compute(
        key,
        (k, old) -> {
          if (old != null && old.offset() >= offset) {
            return old;
          }
          return value == null ? null : new Entry(value, offset);
        });
    synchronized (changes) {
      version++;
      changes.notifyAll();
    }
  }

  private void serveBarriers(List<TopicPartition> partitions) {
    Barrier fresh;
    List<Barrier> added = new ArrayList<>();
    while ((fresh = barriers.poll()) != null) {
      added.add(fresh);
    }
    if (!added.isEmpty()) {
      try {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        added.forEach(b -> b.target = end);
        waiting.addAll(added);
      } catch (WakeupException e) {
        barriers.addAll(added); // another barrier came meanwhile: all are served next round
      } catch (RuntimeException e) {
        lastError = e.toString();
        barriers.addAll(added); // asked again on the next round
      }
    }
    waiting.removeIf(
        b -> {
          if (reached(b.target)) {
            b.done.complete(null);
            return true;
          }
          return false;
        });
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(1000); // a failing broker: do not spin
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
