package ai.ringrift.dashboard.feed;

import ai.ringrift.client.json.AvroJson;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.dashboard.view.DeadLetter;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.runtime.http.StatusServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A DLQ record as the page lists it: its {@code ringrift.dlq.*} headers, and its value decoded as
 * the event of the topic it came from when it decodes (often it does not: that is why it is there).
 * A record without those headers is a redrive's marker, not a dead letter.
 */
final class DeadLetterDecoder {
  private static final int MAX_VALUE = 4000;

  private final TopicCatalog catalog;
  private final EventSerdes serdes;

  DeadLetterDecoder(TopicCatalog catalog, EventSerdes serdes) {
    this.catalog = catalog;
    this.serdes = serdes;
  }

  Optional<DeadLetter> decode(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> failure = DeadLetterHeaders.read(record.headers());
    if (failure.isEmpty()) {
      return Optional.empty();
    }
    List<String> other = new ArrayList<>();
    for (Header h : record.headers()) {
      if (!h.key().startsWith(DeadLetterHeaders.PREFIX)) {
        other.add(h.key());
      }
    }
    return Optional.of(
        new DeadLetter(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
            failure,
            other,
            value(record, failure.get(DeadLetterHeaders.ORIGINAL_TOPIC))));
  }

  private String value(ConsumerRecord<byte[], byte[]> record, String originalTopic) {
    if (record.value() == null) {
      return "(no value)";
    }
    Optional<TopicSpec> topic =
        originalTopic == null ? Optional.empty() : catalog.find(originalTopic);
    if (topic.isEmpty() || topic.get().valueType().isEmpty()) {
      return "(" + record.value().length + " bytes of a topic outside the catalog)";
    }
    try {
      SpecificRecord event =
          serdes
              .value(topic.get().valueType().get())
              .deserializer()
              .deserialize(originalTopic, record.headers(), record.value());
      String json = StatusServer.JSON.writeValueAsString(AvroJson.toMap(event));
      return json.length() <= MAX_VALUE ? json : json.substring(0, MAX_VALUE) + "…";
    } catch (RuntimeException | JsonProcessingException e) {
      return "("
          + record.value().length
          + " bytes that are not a "
          + topic.get().valueType().get().getSimpleName()
          + ": "
          + e.getMessage()
          + ")";
    }
  }
}
