package ai.ringrift.client.history;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What happened, read back from the topics: the original's {@code get_recent_events} for debugging,
 * and replay of one event type from a time or an offset.
 *
 * <p>Both read with an assigned consumer that belongs to no group and commits nothing, so they
 * never move a live subscriber's offsets and can run while it runs. Events come in order per
 * partition, hence in order per config (the config key is the record key).
 */
public final class EventHistory {
  private final KafkaSettings kafka;
  private final TopicCatalog catalog;
  private final EventSerdes serdes;
  private final HistorySettings settings;

  /** A history reader with the packaged {@code history} settings of {@code client.yaml}. */
  public EventHistory(KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes) {
    this(kafka, catalog, serdes, HistorySettings.defaults());
  }

  /** A history reader over the catalog's topics on the cluster {@code kafka} names. */
  public EventHistory(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, HistorySettings settings) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The last {@code limit} events of {@code type}, oldest first. */
  public <T extends SpecificRecord> List<RecordedEvent<T>> recentEvents(Class<T> type, int limit) {
    return tail(List.of(catalog.topicFor(type)), limit).stream().map(e -> e.as(type)).toList();
  }

  /** The last {@code limit} events of every event topic together, oldest first. */
  public List<RecordedEvent<SpecificRecord>> recentEvents(int limit) {
    return tail(
        catalog.topics().stream()
            .filter(t -> t.kind() == TopicKind.EVENT && t.valueType().isPresent())
            .toList(),
        limit);
  }

  /**
   * Gives {@code handler} every event of {@code type} from {@code from} up to the end of the topic
   * as it is when the replay starts, in order per partition.
   */
  public <T extends SpecificRecord> ReplayResult replay(
      Class<T> type, ReplayFrom from, Consumer<RecordedEvent<T>> handler) {
    TopicSpec topic = catalog.topicFor(type);
    RecordDecoder decoder = new RecordDecoder(serdes, List.of(topic));
    AtomicLong replayed = new AtomicLong();
    try (TopicReader reader = new TopicReader(kafka, settings.readTimeout())) {
      List<TopicPartition> partitions = reader.partitions(topic.name());
      Map<TopicPartition, Long> ends = reader.ends(partitions);
      Map<TopicPartition, Long> starts = starts(reader, partitions, ends, from);
      reader.read(
          starts,
          ends,
          decoder,
          e -> {
            handler.accept(e.as(type));
            replayed.incrementAndGet();
          });
    }
    return new ReplayResult(replayed.get(), decoder.undecodable());
  }

  /**
   * The last {@code limit} events per partition, merged by time. Offsets are not events: a
   * transactional writer's commit markers take offsets too (one per transaction), so the window
   * {@code end - limit} can hold fewer than {@code limit} events. A partition that gave too few is
   * read again further back, the window doubled each time, down to its beginning.
   */
  private List<RecordedEvent<SpecificRecord>> tail(List<TopicSpec> topics, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    RecordDecoder decoder = new RecordDecoder(serdes, topics);
    Map<TopicPartition, List<RecordedEvent<SpecificRecord>>> byPartition = new HashMap<>();
    try (TopicReader reader = new TopicReader(kafka, settings.readTimeout())) {
      List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(t -> partitions.addAll(reader.partitions(t.name())));
      Map<TopicPartition, Long> begins = reader.beginnings(partitions);
      Map<TopicPartition, Long> ends = reader.ends(partitions);
      Map<TopicPartition, Long> starts = new HashMap<>();
      Map<TopicPartition, Long> stops = new HashMap<>(ends);
      partitions.forEach(p -> starts.put(p, Math.max(begins.get(p), ends.get(p) - limit)));
      while (!starts.isEmpty()) {
        Map<TopicPartition, List<RecordedEvent<SpecificRecord>>> round = new HashMap<>();
        reader.read(
            starts,
            stops,
            decoder,
            e ->
                round
                    .computeIfAbsent(
                        new TopicPartition(e.topic(), e.partition()), p -> new ArrayList<>())
                    .add(e));
        round.forEach(
            (p, older) -> {
              List<RecordedEvent<SpecificRecord>> newer = byPartition.getOrDefault(p, List.of());
              older.addAll(newer);
              byPartition.put(p, older);
            });
        Map<TopicPartition, Long> further = new HashMap<>();
        starts.forEach(
            (p, start) -> {
              int found = byPartition.getOrDefault(p, List.of()).size();
              if (found < limit && start > begins.get(p)) {
                long window = 2 * (ends.get(p) - start);
                further.put(p, Math.max(begins.get(p), ends.get(p) - window));
                stops.put(p, start);
              }
            });
        starts.clear();
        starts.putAll(further);
      }
    }
    List<RecordedEvent<SpecificRecord>> merged = TimeMerge.merge(byPartition.values());
    return List.copyOf(merged.subList(Math.max(0, merged.size() - limit), merged.size()));
  }

  private static Map<TopicPartition, Long> starts(
      TopicReader reader,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends,
      ReplayFrom from) {
    Map<TopicPartition, Long> begins = reader.beginnings(partitions);
    Map<TopicPartition, Long> starts = new HashMap<>();
    if (from instanceof ReplayFrom.Timestamp t) {
      return reader.offsetsAt(partitions, t.time().toEpochMilli(), ends);
    }
    for (TopicPartition p : partitions) {
      long start =
          from instanceof ReplayFrom.Offsets o
              ? o.byPartition().getOrDefault(p.partition(), o.everyPartition())
              : begins.get(p);
      starts.put(
          p, start < 0 ? ends.get(p) : Math.min(Math.max(start, begins.get(p)), ends.get(p)));
    }
    return starts;
  }
}
