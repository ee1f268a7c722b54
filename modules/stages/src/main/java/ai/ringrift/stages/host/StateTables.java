package ai.ringrift.stages.host;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicFollower;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.Failures;
import ai.ringrift.events.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacted state topics read as tables ({@code ringrift.state.stage-runs}, {@code .circuits},
 * {@code .signals}, {@code .models}): the latest committed value per key, kept current by a
 * group-less {@link TopicFollower} from the topics' beginning. A stage reads these before it acts;
 * {@link #awaitCaughtUp} makes sure what it reads includes everything committed before the call,
 * and {@link #applyOwn} shows the stage its own writes at once.
 */
public final class StateTables implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StateTables.class);

  /** A value and where it was read, so an older record read late cannot replace a newer one. */
  private record Entry(SpecificRecord value, long offset) {}

  private final Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
  private final Map<Class<?>, String> topics = new HashMap<>();
  private final Map<String, Map<String, Entry>> tables = new ConcurrentHashMap<>();
  private final Object changes = new Object();
  private TopicFollower follower;
  private volatile long version;
  private volatile boolean closed;

  private StateTables(
      TopicCatalog catalog, EventSerdes serdes, Collection<Class<? extends SpecificRecord>> types) {
    for (Class<? extends SpecificRecord> type : types) {
      String topic = catalog.topicFor(type).name();
      topics.put(type, topic);
      decoders.put(topic, serdes.value(type).deserializer());
      tables.put(topic, new ConcurrentHashMap<>());
    }
  }

  /** Starts reading the state topics of {@code types} from their beginning. */
  public static StateTables start(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      Collection<Class<? extends SpecificRecord>> types) {
    StateTables tables = new StateTables(catalog, serdes, types);
    tables.follower =
        TopicFollower.start(
            kafka,
            "state tables",
            tables.decoders.keySet(),
            TopicFollower.From.BEGINNING,
            // the other wire format: stop here rather than read on past the record
            e -> Failures.classify(e) == Failures.Kind.MISCONFIGURED,
            tables::decode);
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
    follower.awaitCaughtUp(timeout);
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
  public Optional<String> lastError() {
    return follower.lastError();
  }

  @Override
  public void close() {
    closed = true;
    follower.close();
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
}
