package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.client.subscribe.Failures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Waits for the answer to a request: the first record of a type's topic, written after the request,
 * that matches. The end offsets are taken before the request is published, so an answer that comes
 * quickly is not missed.
 *
 * @param <T> the answer's type
 */
final class AnswerWatch<T extends SpecificRecord> implements AutoCloseable {
  private final RawTopic raw;
  private final String topic;
  private final Deserializer<T> values;

  private AnswerWatch(RawTopic raw, String topic, Deserializer<T> values) {
    this.raw = raw;
    this.topic = topic;
    this.values = values;
  }

  /** Starts watching {@code type}'s topic from its end now. */
  static <T extends SpecificRecord> AnswerWatch<T> watch(Connected connected, Class<T> type) {
    String topic = connected.catalog().topicFor(type).name();
    RawTopic raw = new RawTopic(connected.kafka());
    try {
      List<TopicPartition> partitions = raw.partitions(topic);
      Map<TopicPartition, Long> ends = raw.ends(partitions);
      raw.follow(ends);
      return new AnswerWatch<>(raw, topic, connected.serdes().value(type).deserializer());
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The first record matching {@code answer} within {@code timeout}, if one came. */
  Optional<T> await(Predicate<T> answer, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : raw.poll()) {
        if (r.value() == null) {
          continue;
        }
        try {
          T value = values.deserialize(topic, r.headers(), r.value());
          if (answer.test(value)) {
            return Optional.of(value);
          }
        } catch (RuntimeException e) {
          // not an answer, and the topic's consumers dead-letter it; unless it has the other
          // wire format, which is this command's configuration error
          Failures.rethrowMisconfiguration(e);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    raw.close();
  }
}
