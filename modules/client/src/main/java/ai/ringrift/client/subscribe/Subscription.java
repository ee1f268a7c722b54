package ai.ringrift.client.subscribe;

import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.client.serde.EventDecodingException;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicSpec;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** One event type a subscriber handles: its topic, how to decode it, its handler and counters. */
final class Subscription<T extends SpecificRecord> {
  /** A decoded record. */
  record Decoded<T>(String key, T event) {}

  final TopicSpec topic;
  final String typeName;
  final Counter handled;
  final Counter failed;
  final Counter deadLettered;
  final Counter filtered;
  private final Timer timer;
  private final Deserializer<String> keys;
  private final Deserializer<T> values;
  private final BacklogHandler<T> handler;

  Subscription(
      TopicSpec topic,
      Class<T> type,
      BacklogHandler<T> handler,
      EventSerdes serdes,
      MetricRegistry metrics,
      String subscriber) {
    this.topic = topic;
    this.typeName = type.getSimpleName();
    this.handler = handler;
    this.keys = serdes.key().deserializer();
    this.values = serdes.value(type).deserializer();
    this.handled = metrics.counter(MetricNames.handled(subscriber, typeName));
    this.failed = metrics.counter(MetricNames.failed(subscriber, typeName));
    this.deadLettered = metrics.counter(MetricNames.deadLettered(subscriber, typeName));
    this.filtered = metrics.counter(MetricNames.filtered(subscriber, typeName));
    this.timer = metrics.timer(MetricNames.handlerTimer(subscriber, typeName));
  }

  /**
   * Decodes the raw record; anything the serdes throw is a decoding failure (poison), whatever its
   * class.
   */
  Decoded<T> decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      String key = keys.deserialize(record.topic(), record.headers(), record.key());
      if (record.value() == null) {
        throw new EventDecodingException(record.topic(), "record has no value");
      }
      T event = values.deserialize(record.topic(), record.headers(), record.value());
      return new Decoded<>(key, event);
    } catch (EventDecodingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EventDecodingException(record.topic(), e.toString(), e);
    }
  }

  /** Runs the handler; a synchronous throw becomes a failed stage. */
  CompletionStage<?> invoke(T event, EventContext context, BacklogHandler.Backlog<T> backlog) {
    try {
      CompletionStage<?> stage = handler.handle(event, context, backlog);
      return stage == null ? CompletableFuture.completedFuture(null) : stage;
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  void succeeded(long nanos) {
    handled.inc();
    timer.update(nanos, TimeUnit.NANOSECONDS);
  }
}
