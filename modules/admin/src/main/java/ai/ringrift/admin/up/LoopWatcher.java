package ai.ringrift.admin.up;

import ai.ringrift.client.history.TopicFollower;
import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.client.subscribe.Deduplicator;
import ai.ringrift.client.subscribe.RedriveTarget;
import ai.ringrift.events.contract.Events;
import ai.ringrift.runtime.ServiceContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the loop's result topics from where they ended when it was created (so a resumed run
 * counts only its own work) and feeds every event to a {@link LoopTally}, each event once: a copy
 * of an event already counted (same {@code event_id}) and a redrive (meant for the one group that
 * gave up on the event) are not counted again. It reads with the group-less {@link TopicFollower}:
 * it commits nothing and never moves a service's offsets.
 */
public final class LoopWatcher implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LoopWatcher.class);

  private final Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
  private final LoopTally tally;
  private final Deduplicator counted;
  private final Consumer<String> notable;
  private TopicFollower follower;

  private LoopWatcher(ServiceContext context, LoopTally tally, Consumer<String> notable) {
    this.tally = tally;
    this.counted = Deduplicator.from(DedupSettings.load(context.config()), Clock.systemUTC());
    this.notable = notable;
    for (Class<? extends SpecificRecord> type : LoopTally.EVENT_TYPES) {
      String topic = context.catalog().topicFor(type).name();
      decoders.put(topic, context.serdes().value(type).deserializer());
    }
  }

  /**
   * Starts following from the current end of every topic; {@code notable} gets a line for each
   * promotion, rejection, rollback, breaker change and failure as it happens.
   */
  public static LoopWatcher start(
      ServiceContext context, LoopTally tally, Consumer<String> notable) {
    LoopWatcher watcher = new LoopWatcher(context, tally, notable);
    watcher.follower =
        TopicFollower.start(
            context.kafka().with(ConsumerConfig.CLIENT_ID_CONFIG, "ringrift-up-watcher"),
            "up watcher",
            watcher.decoders.keySet(),
            TopicFollower.From.END,
            e -> true,
            watcher::handle);
    return watcher;
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
    follower.close();
  }
}
