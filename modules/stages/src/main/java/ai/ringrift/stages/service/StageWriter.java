package ai.ringrift.stages.service;

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

  private final KafkaProducer<byte[], byte[]> producer;
  private final EventRecords records;
  private final String transactionalId;
  private volatile String fatal;

  /** Connects and fences any earlier producer with {@code transactionalId}. */
  public StageWriter(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, String transactionalId) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(config);
    this.records = new EventRecords(catalog, serdes);
    this.transactionalId = transactionalId;
    producer.initTransactions();
  }

  /**
   * Writes {@code events} in one transaction and returns where each landed.
   *
   * @throws KafkaException when the transaction failed (it was aborted; nothing is visible) or the
   *     writer was fenced by another instance with the same id (then every later call fails too)
   */
  public synchronized List<RecordMetadata> commit(List<? extends SpecificRecord> events) {
    if (fatal != null) {
      throw new KafkaException("stage writer " + transactionalId + " cannot write: " + fatal);
    }
    try {
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (SpecificRecord event : events) {
        sent.add(producer.send(records.of(event)));
      }
      producer.commitTransaction();
      List<RecordMetadata> landed = new ArrayList<>();
      for (Future<RecordMetadata> f : sent) {
        landed.add(f.get());
      }
      return landed;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      fatal = e.toString();
      LOGGER.error("stage writer {} can no longer write: {}", transactionalId, e.toString());
      throw e;
    } catch (KafkaException e) {
      abort(e);
      throw e;
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

  private void abort(KafkaException cause) {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      fatal = e.toString();
      LOGGER.error(
          "stage writer {} could not abort after {}: {}", transactionalId, cause, e.toString());
    }
  }

  @Override
  public void close() {
    producer.close(CLOSE_TIMEOUT);
  }
}
