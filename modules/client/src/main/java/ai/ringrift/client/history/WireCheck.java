package ai.ringrift.client.history;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.Framing;
import ai.ringrift.client.serde.WireFormat;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.events.catalog.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of every publisher, subscriber and service: the latest record of each
 * partition of its topics must have its {@link WireFormat}, so a client configured for the other
 * format refuses to start instead of writing records nobody reads, or dead-lettering every record
 * it reads. Reads with no consumer group (nothing is committed); topics that do not exist, are
 * empty, or that the client may not read are not checked (their readers still stop at the first
 * record of the other format). A process checks a topic of a cluster once per format: the clients
 * of one process (the services of {@code up}, a trainer's publisher and subscriber) share it.
 */
public final class WireCheck {
  private static final Logger LOGGER = LoggerFactory.getLogger(WireCheck.class);

  /** Records read back from each partition's end: transactions leave markers between records. */
  private static final int TAIL = 4;

  /**
   * Topics checked without a mismatch, per cluster and format: a process checks a topic once (the
   * services of {@code up} share one process), the way a client's format is set once.
   */
  private static final Map<String, Set<String>> CHECKED = new ConcurrentHashMap<>();

  private WireCheck() {}

  /** The format seen at one offset. */
  private record Seen(WireFormat format, long offset) {}

  /**
   * Checks the latest records of {@code topics} against the format of {@code serdes}.
   *
   * @param who the client, as the message names it, e.g. {@code publisher trainer@gpu-node-3}
   * @param timeout how long to wait for the cluster; when it does not answer, the check is skipped
   *     with a warning (the client's own calls then report the unreachable cluster)
   * @throws WireFormatMismatchException naming the topic, the record and the setting to change
   */
  public static void verify(
      KafkaSettings kafka,
      EventSerdes serdes,
      Collection<TopicSpec> topics,
      Duration timeout,
      String who) {
    Set<String> done =
        CHECKED.computeIfAbsent(
            kafka.bootstrapServers() + " " + serdes.format(), k -> ConcurrentHashMap.newKeySet());
    Map<String, Schema> schemas = new HashMap<>();
    topics.stream()
        .filter(t -> !done.contains(t.name()))
        .forEach(t -> t.valueSchema().ifPresent(s -> schemas.put(t.name(), s)));
    if (schemas.isEmpty()) {
      return;
    }
    Map<TopicPartition, Seen> latest = new HashMap<>();
    KafkaSettings uncommitted =
        kafka.with(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (TopicReader reader = new TopicReader(uncommitted, timeout)) {
      List<TopicPartition> partitions = reader.existingPartitions(schemas.keySet());
      Map<TopicPartition, Long> begins = reader.beginnings(partitions);
      Map<TopicPartition, Long> ends = reader.ends(partitions);
      Map<TopicPartition, Long> starts = new HashMap<>();
      partitions.forEach(p -> starts.put(p, Math.max(begins.get(p), ends.get(p) - TAIL)));
      readWhatIsAllowed(reader, starts, ends, schemas, latest);
      LOGGER.info(
          "{}: the latest records of {} of {} partitions read, {} of them in a known format",
          who,
          partitions.stream().filter(p -> starts.get(p) < ends.get(p)).count(),
          partitions.size(),
          latest.size());
    } catch (HistoryException | KafkaException e) {
      LOGGER.warn(
          "{}: the wire format of its topics was not checked ({}); a record of another format"
              + " will stop it when read",
          who,
          e.getMessage());
      return;
    }
    verdict(latest, serdes, who);
    done.addAll(schemas.keySet());
  }

  private static void verdict(Map<TopicPartition, Seen> latest, EventSerdes serdes, String who) {
    Map<TopicPartition, Seen> ordered = new TreeMap<>(WireCheck::compare);
    ordered.putAll(latest);
    ordered.forEach(
        (partition, seen) -> {
          if (seen.format() != serdes.format()) {
            throw WireFormatMismatchException.atStart(
                who,
                partition.topic(),
                "partition " + partition.partition() + ", offset " + seen.offset(),
                serdes.format(),
                seen.format());
          }
        });
  }

  private static void readWhatIsAllowed(
      TopicReader reader,
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends,
      Map<String, Schema> schemas,
      Map<TopicPartition, Seen> latest) {
    Map<TopicPartition, Long> readable = new HashMap<>(starts);
    while (!readable.isEmpty()) {
      try {
        reader.read(
            readable,
            ends,
            r ->
                Framing.of(r.value(), schemas.get(r.topic()))
                    .ifPresent(
                        f ->
                            latest.put(
                                new TopicPartition(r.topic(), r.partition()),
                                new Seen(f, r.offset()))));
        return;
      } catch (TopicAuthorizationException e) {
        // e.g. a trainer may write its topics without reading them: those stay unchecked
        LOGGER.debug("not checking the wire format of {}: not authorized", e.unauthorizedTopics());
        if (!readable.keySet().removeIf(p -> e.unauthorizedTopics().contains(p.topic()))) {
          throw e;
        }
      }
    }
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
