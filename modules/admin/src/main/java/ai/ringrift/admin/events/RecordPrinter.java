package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.subscribe.Failures;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the records of one topic and prints each as a line (or a JSON object); a record that does
 * not decode is one line on stderr, and the next one is printed.
 */
final class RecordPrinter {
  private final Deserializer<String> keys;
  private final Deserializer<? extends SpecificRecord> values;
  private final boolean json;
  private final PrintWriter out;
  private final PrintWriter err;

  RecordPrinter(
      Connected connected, TopicSpec topic, boolean json, PrintWriter out, PrintWriter err) {
    this.keys = connected.serdes().key().deserializer();
    this.values = connected.serdes().value(topic.valueType().orElseThrow()).deserializer();
    this.json = json;
    this.out = out;
    this.err = err;
  }

  /**
   * The record decoded, or empty (and a line on stderr) when it does not decode.
   *
   * @throws WireFormatMismatchException when it has the other wire format
   */
  Optional<RecordedEvent<SpecificRecord>> decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      String key = keys.deserialize(r.topic(), r.headers(), r.key());
      SpecificRecord event = values.deserialize(r.topic(), r.headers(), r.value());
      if (event == null) {
        throw new IllegalArgumentException("the record has no value");
      }
      return Optional.of(
          new RecordedEvent<>(
              r.topic(),
              r.partition(),
              r.offset(),
              Instant.ofEpochMilli(r.timestamp()),
              key,
              event));
    } catch (RuntimeException e) {
      Failures.rethrowMisconfiguration(e); // the other wire format: fail the command, skip nothing
      err.println(
          "skipped "
              + r.topic()
              + "-"
              + r.partition()
              + "@"
              + r.offset()
              + ": "
              + e.getMessage()
              + " (`ringrift events dlq show` shows what consumers dead-lettered)");
      err.flush();
      return Optional.empty();
    }
  }

  /** Prints {@code e}. */
  void print(RecordedEvent<? extends SpecificRecord> e) {
    out.println(json ? EventJson.json(EventJson.recorded(e)) : EventJson.line(e));
    out.flush();
  }
}
