package ai.ringrift.stages.host;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stage's records in transactions: a {@code StageRun} and the events it goes with (a
 * result with its SUCCEEDED record, {@code TrainingStarted} with STARTED) become visible together
 * or not at all, so "the result was published" and "the run is recorded as finished" can never
 * disagree after a crash. One transactional id per stage and instance ({@code
 * ringrift.stage.<stage>.<instance>}): a restarted instance with the same id fences its zombie.
 * Thread-safe; transactions of concurrent runs are written one after the other.
 */
public final class StageWriter implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StageWriter.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** A commit that times out is retried (Kafka's contract) this many times in all. */
  static final int COMMIT_ATTEMPTS = 3;

  private final Map<String, Object> config;
  private final EventRecords records;
  private final String transactionalId;
  private volatile KafkaProducer<byte[], byte[]> producer;
  private boolean initialized;
  private volatile String fatal;

  /** Connects and fences any earlier producer with {@code transactionalId}. */
  public StageWriter(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, String transactionalId) {
    this.config = kafka.clientConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.records = new EventRecords(catalog, serdes);
    this.transactionalId = transactionalId;
    this.producer = new KafkaProducer<>(config);
    producer.initTransactions();
    this.initialized = true;
  }

  /**
   * Writes {@code events} in one transaction and returns where each landed.
   *
   * <p>A commit that times out (the cluster out of reach) is retried, as Kafka requires, up to
   * {@link #COMMIT_ATTEMPTS} times in all; a transaction that still has no outcome, or a producer
   * left in a state it cannot leave, is given up: the producer is replaced by a new one with the
   * same transactional id, whose {@code initTransactions} (on the next call, once the cluster
   * answers) aborts what the old one left open. So a writer cut off from the cluster writes again
   * once it is back, and nothing it failed to commit ever becomes visible.
   *
   * @throws KafkaException when the transaction failed (nothing is visible) or the writer was
   *     fenced by another instance with the same id (then every later call fails too)
   */
  public synchronized List<RecordMetadata> commit(List<? extends SpecificRecord> events) {
    if (fatal != null) {
      throw new KafkaException("stage writer " + transactionalId + " cannot write: " + fatal);
    }
    try {
      if (!initialized) {
        producer.initTransactions(); // retried until the cluster answers; fences the old epoch
        initialized = true;
      }
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (SpecificRecord event : events) {
        sent.add(producer.send(records.of(event)));
      }
      commitTransaction();
      List<RecordMetadata> landed = new ArrayList<>();
      for (Future<RecordMetadata> f : sent) {
        landed.add(f.get());
      }
      return landed;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      fatal = e.toString();
      LOGGER.error("stage writer {} can no longer write: {}", transactionalId, e.toString());
      throw e;
    } catch (KafkaException | IllegalStateException e) {
      abortOrReplace(e);
      throw e instanceof KafkaException k
          ? k
          : new KafkaException("stage writer " + transactionalId + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while committing to " + transactionalId, e);
    } catch (ExecutionException e) {
      throw new KafkaException("a committed record reports an error: " + e.getCause(), e);
    }
  }

  /** Why this writer can no longer write, if it cannot. */
  public java.util.Optional<String> fatalError() {
    return java.util.Optional.ofNullable(fatal);
  }

  private void commitTransaction() {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (attempt >= COMMIT_ATTEMPTS) {
          throw e;
        }
        LOGGER.warn(
            "stage writer {} commit timed out (attempt {} of {}); retrying it: {}",
            transactionalId,
            attempt,
            COMMIT_ATTEMPTS,
            e.getMessage());
      }
    }
  }

  private void abortOrReplace(RuntimeException cause) {
    if (initialized) {
      try {
        producer.abortTransaction();
        return;
      } catch (KafkaException | IllegalStateException e) {
        LOGGER.warn(
            "stage writer {} could not abort after {} ({}); replacing its producer",
            transactionalId,
            cause.toString(),
            e.toString());
      }
    }
    producer.close(Duration.ZERO);
    producer = new KafkaProducer<>(config);
    initialized = false;
  }

  @Override
  public void close() {
    producer.close(CLOSE_TIMEOUT);
  }
}
