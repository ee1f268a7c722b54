package ai.ringrift.registry.internal;

import ai.ringrift.registry.settings.RegistrySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code _schemas} topic as a replicated log: a reader thread replays it into {@link
 * RegistryState}; writes are compare-and-set. Every instance writes with the same transactional id,
 * so starting a write fences any other instance's writer: a write decided on a state that another
 * instance has since changed fails to commit, and is decided again on the new state. That is how
 * several instances never hand out one id twice without electing a leader.
 */
final class SchemaLog implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemaLog.class);
  private static final int WRITE_ATTEMPTS = 10;

  private final RegistrySettings settings;
  private final RegistryState state;
  private final TopicPartition partition;
  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread reader;
  private final Object progress = new Object();
  private long position;
  private volatile boolean running = true;
  private KafkaProducer<byte[], byte[]> producer;

  SchemaLog(RegistrySettings settings, RegistryState state, Admin admin) {
    this.settings = settings;
    this.state = state;
    this.admin = admin;
    this.partition = new TopicPartition(settings.topic(), 0);
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    this.reader = new Thread(this::readLoop, "schema-registry-reader-" + settings.topic());
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until everything committed to the topic so far is in the state. */
  void catchUp() {
    long end;
    try {
      end =
          admin
              .listOffsets(
                  Map.of(partition, OffsetSpec.latest()),
                  new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .partitionResult(partition)
              .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
              .offset();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw RegistryError.timeout("cannot read the end of " + settings.topic() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.timeout("interrupted");
    }
    awaitPosition(end);
  }

  private void awaitPosition(long offset) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    synchronized (progress) {
      while (position < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !running) {
          throw RegistryError.timeout(
              "timed out reading " + settings.topic() + " up to offset " + offset);
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryError.timeout("interrupted");
        }
      }
    }
  }

  /**
   * Answers from the replayed state; when the answer is "not found", reads the topic to its end and
   * answers again, since another instance may just have written what is asked for.
   */
  <T> T read(Function<RegistryState, T> answer) {
    try {
      return answer.apply(state);
    } catch (RegistryError e) {
      if (e.status() != 404) {
        throw e;
      }
      catchUp();
      return answer.apply(state);
    }
  }

  /**
   * Decides a change on the current state and writes it, deciding again if another instance changed
   * the log in between. {@code decide} may throw a {@link RegistryError}.
   */
  synchronized <T> T write(Function<RegistryState, Decision<T>> decide) {
    KafkaException last = null;
    for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      try {
        KafkaProducer<byte[], byte[]> writer = producer();
        catchUp();
        Decision<T> decision = decide.apply(state);
        if (decision.records().isEmpty()) {
          return decision.result();
        }
        writer.beginTransaction();
        long lastOffset = -1;
        for (ProducerRecord<byte[], byte[]> record : decision.records()) {
          lastOffset = writer.send(record).get().offset();
        }
        writer.commitTransaction();
        awaitPosition(lastOffset + 1);
        return decision.result();
      } catch (KafkaException e) {
        last = e;
      } catch (ExecutionException e) {
        last = new KafkaException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryError.timeout("interrupted");
      }
      // fenced by another instance, or the store failed: start over from the log
      LOGGER.info("schema write attempt={} failed, retrying: {}", attempt, last.toString());
      discardProducer();
      backOff(attempt);
    }
    throw RegistryError.storeError("Error while writing to " + settings.topic() + ": " + last);
  }

  ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
    return new ProducerRecord<>(settings.topic(), 0, key, value);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(settings.clientProperties());
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
      config.put(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ringrift-schema-registry-" + settings.topic());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.timeout().toMillis());
      config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
      producer.initTransactions();
    }
    return producer;
  }

  private void discardProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException e) {
        LOGGER.debug("closing fenced producer: {}", e.toString());
      }
      producer = null;
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L + 40L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readLoop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          applyQuietly(record);
        }
        long now = consumer.position(partition);
        synchronized (progress) {
          position = now;
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOGGER.error("schema store reader stopped topic={}", settings.topic(), e);
    } finally {
      running = false;
      consumer.close(Duration.ZERO);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void applyQuietly(ConsumerRecord<byte[], byte[]> record) {
    try {
      state.apply(StoreReader.read(record.key(), record.value()));
    } catch (IOException | RuntimeException e) {
      // a record this registry cannot read must not stop it from serving the rest
      LOGGER.warn(
          "skipping unreadable record topic={} offset={}: {}",
          settings.topic(),
          record.offset(),
          e.toString());
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(settings.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    discardProducer();
  }

  /**
   * What a write decided: the answer to give and the records that make it true (none when the state
   * already says it).
   */
  record Decision<T>(T result, List<ProducerRecord<byte[], byte[]>> records) {}
}
