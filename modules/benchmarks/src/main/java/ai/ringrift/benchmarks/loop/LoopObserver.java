package ai.ringrift.benchmarks.loop;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every event topic as the stages do ({@code read_committed}) and notes when each event
 * became visible: a hop's latency is the time from its trigger becoming visible to the reaction
 * becoming visible (matched by causation id), so every hop includes the commit of the transaction
 * that publishes its result; an answer read before its trigger ({@link HopMatcher}) is counted, not
 * timed. Counts the events of every topic in the measured window. Memory stays flat: latencies go
 * into histograms and an unanswered trigger is forgotten after two minutes.
 */
final class LoopObserver implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventSerdes serdes;
  private final Map<String, Class<? extends SpecificRecord>> types = new HashMap<>();
  private final HopMatcher hops = new HopMatcher();
  private final Map<String, Long> counts = new TreeMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private RuntimeException failure;

  LoopObserver(KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes) {
    this.serdes = serdes;
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-observer");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicSpec topic : catalog.topics()) {
      if (topic.valueType().isEmpty()) {
        continue; // a DLQ or an internal topic: no events of the contract
      }
      types.put(topic.name(), topic.valueType().get());
      for (int p = 0; p < topic.partitions(); p++) {
        partitions.add(new TopicPartition(topic.name(), p));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fix the start before anything is published
    this.thread = new Thread(this::run, "bench-observer");
  }

  LoopObserver start() {
    thread.start();
    return this;
  }

  /** Counts and latencies from now on (triggers seen before are matched, but not counted). */
  void openWindow() {
    windowStart = System.nanoTime();
  }

  /** Stops counting; replies to triggers of the window still count. */
  void closeWindow() {
    windowEnd = System.nanoTime();
  }

  private void run() {
    try {
      while (!stopped) {
        var records = consumer.poll(Duration.ofMillis(50));
        long now = System.nanoTime();
        synchronized (this) {
          for (ConsumerRecord<byte[], byte[]> r : records) {
            observe(r, now);
          }
          hops.forget(now);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
      }
    }
  }

  private void observe(ConsumerRecord<byte[], byte[]> record, long now) {
    boolean counted = now >= windowStart && now <= windowEnd;
    if (counted) {
      counts.merge(record.topic(), 1L, Long::sum);
    }
    Class<? extends SpecificRecord> type = types.get(record.topic());
    if (!interesting(type)) {
      return;
    }
    SpecificRecord event = decode(type, record);
    EventHeader header = (EventHeader) event.get(0);
    if (event instanceof SelfplayBatchCompleted) {
      trigger(Hop.BATCH_TO_SYNC, header, now);
    } else if (event instanceof DataSyncCompleted sync
        && sync.getSyncType() == SyncDataType.GAMES) {
      hops.reply(Hop.BATCH_TO_SYNC, header.getCausationId(), now);
      trigger(Hop.SYNC_TO_EXPORT, header, now);
    } else if (event instanceof NpzExportCompleted) {
      hops.reply(Hop.SYNC_TO_EXPORT, header.getCausationId(), now);
    } else if (event instanceof TrainingCompleted) {
      trigger(Hop.TRAINED_TO_EVALUATING, header, now);
    } else if (event instanceof StageRun run
        && run.getStage() == Stage.EVALUATION
        && run.getStatus() == RunStatus.STARTED) {
      hops.reply(Hop.TRAINED_TO_EVALUATING, header.getCausationId(), now);
    } else if (event instanceof EvaluationCompleted) {
      trigger(Hop.EVALUATED_TO_DECIDED, header, now);
    } else if (event instanceof ModelPromoted promoted) {
      hops.reply(Hop.EVALUATED_TO_DECIDED, promoted.getEvaluationEventId(), now);
    } else if (event instanceof PromotionRejected rejected) {
      hops.reply(Hop.EVALUATED_TO_DECIDED, rejected.getEvaluationEventId(), now);
    }
  }

  private static boolean interesting(Class<? extends SpecificRecord> type) {
    return type == SelfplayBatchCompleted.class
        || type == DataSyncCompleted.class
        || type == NpzExportCompleted.class
        || type == TrainingCompleted.class
        || type == StageRun.class
        || type == EvaluationCompleted.class
        || type == ModelPromoted.class
        || type == PromotionRejected.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private SpecificRecord decode(Class type, ConsumerRecord<byte[], byte[]> record) {
    return (SpecificRecord)
        serdes.value(type).deserializer().deserialize(record.topic(), record.value());
  }

  private void trigger(Hop hop, EventHeader header, long now) {
    hops.trigger(hop, header.getEventId(), now, now >= windowStart && now <= windowEnd);
  }

  /** Events per topic seen in the window. */
  synchronized Map<String, Long> counts() {
    check();
    return new TreeMap<>(counts);
  }

  /** The latencies of {@code hop} (microseconds) of triggers seen in the window. */
  synchronized Histogram latencies(Hop hop) {
    check();
    return hops.latencies(hop);
  }

  /** Triggers of {@code hop} seen in the window whose answer was read before them. */
  synchronized int answeredEarly(Hop hop) {
    return hops.answeredEarly(hop);
  }

  /** Triggers of {@code hop} seen in the window and not answered (yet). */
  synchronized int unanswered(Hop hop) {
    return hops.unanswered(hop);
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException("the observer stopped: " + failure, failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    consumer.wakeup();
    thread.join();
    consumer.close();
  }
}
