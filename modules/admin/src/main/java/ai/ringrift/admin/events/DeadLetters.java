package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads a dead-letter topic: its dead letters, each with its redrive marker if it has one. */
final class DeadLetters {
  private DeadLetters() {}

  /**
   * The DLQ a command line names: the DLQ itself ({@code ringrift.training.completed.dlq}) or the
   * topic it belongs to ({@code ringrift.training.completed}).
   */
  static TopicSpec dlqOf(TopicCatalog catalog, String name) {
    TopicSpec topic = EventTypes.topic(catalog, name);
    if (topic.kind() == TopicKind.DLQ) {
      return topic;
    }
    return catalog
        .dlqFor(topic.name())
        .orElseThrow(
            () ->
                new CliException(
                    topic.name()
                        + " has no dead-letter topic; `ringrift events dlq list --all` shows the"
                        + " DLQs"));
  }

  /** Every dead letter of {@code dlq}, oldest first, with what redrives did to them. */
  static List<DeadLetter> read(RawTopic raw, String dlq) {
    List<TopicPartition> partitions = raw.partitions(dlq);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    Map<String, RedriveMarker> markers = new HashMap<>();
    raw.read(
        raw.begins(partitions),
        raw.ends(partitions),
        r -> {
          Optional<RedriveMarker> marker = RedriveMarker.of(r);
          if (marker.isPresent()) {
            markers.put(marker.get().of(), marker.get());
          } else {
            records.add(r);
          }
        });
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      letters.add(
          new DeadLetter(
              r,
              DeadLetterHeaders.read(r.headers()),
              Optional.ofNullable(markers.get(r.partition() + "@" + r.offset()))));
    }
    return letters;
  }
}
