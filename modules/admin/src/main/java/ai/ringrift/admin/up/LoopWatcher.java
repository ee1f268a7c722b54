package ai.ringrift.admin.up;

import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.client.subscribe.Deduplicator;
import ai.ringrift.client.subscribe.RedriveTarget;
import ai.ringrift.events.contract.Events;
import ai.ringrift.runtime.ServiceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the loop's result topics from where they ended when it was created (so a resumed run
 * counts only its own work) and feeds every event to a {@link LoopTally}, each event once: a copy
 * of an event already counted (same {@code event_id}) and a redrive (meant for the one group that
 * gave up on the event) are not counted again. It reads without a consumer group: it commits
 * nothing and never moves a service's offsets.
 */
public final class LoopWatcher implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LoopWatcher.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
  private final LoopTally tally;
  private final Deduplicator counted;
  private final Consumer<String> notable;
  private final Thread thread;
  private volatile boolean running = true;

  private LoopWatcher(ServiceContext context, LoopTally tally, Consumer<String> notable) {
    Map<String, Object> config = context.kafka().clientConfig();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ringrift-up-watcher");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.tally = tally;
    this.counted = Deduplicator.from(DedupSettings.load(context.config()), Clock.systemUTC());
    this.notable = notable;
    for (Class<? extends SpecificRecord> type : LoopTally.EVENT_TYPES) {
      String topic = context.catalog().topicFor(type).name();
      decoders.put(topic, context.serdes().value(type).deserializer());
    }
    this.thread = new Thread(this::loop, "ringrift-up-watcher");
    this.thread.setDaemon(true);
  }

  /**
   * Starts following from the current end of every topic; {@code notable} gets a line for each
   * promotion, rejection, rollback, breaker change and failure as it happens.
   */
  public static LoopWatcher start(
      ServiceContext context, LoopTally tally, Consumer<String> notable) {
    LoopWatcher watcher = new LoopWatcher(context, tally, notable);
    try {
      watcher.assignAtEnd();
    } catch (RuntimeException e) {
      watcher.consumer.close();
      throw e;
    }
    watcher.thread.start();
    return watcher;
  }

  private void assignAtEnd() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : decoders.keySet()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    consumer.assign(partitions);
    consumer.endOffsets(partitions, TIMEOUT).forEach(consumer::seek);
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handle(record);
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll up
    } catch (RuntimeException e) {
      LOGGER.error("up watcher stopped: {}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null || RedriveTarget.isRedrive(record.headers())) {
      return;
    }
    try {
      SpecificRecord event =
          decoders
              .get(record.topic())
              .deserialize(record.topic(), record.headers(), record.value());
      String id = Events.eventId(event).orElse(null);
      if (id != null && counted.seen(id)) {
        return;
      }
      String line = tally.accept(event);
      if (id != null) {
        counted.remember(id);
      }
      if (line != null) {
        notable.accept(line);
      }
    } catch (RuntimeException e) {
      // the services dead-letter what they cannot read; progress just skips it and says so
      LOGGER.warn(
          "up watcher: cannot count {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
    }
  }

  /** Stops following. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
