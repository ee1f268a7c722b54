package ai.ringrift.dashboard.view;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.contract.Events;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The events a trace or a lineage is looked up in, by event id, the oldest dropped first beyond the
 * capacity. Heartbeats, training progress and bandwidth traffic are not kept: they are many and no
 * lineage goes through them.
 */
final class EventIndex {
  private static final Set<Class<?>> NOT_KEPT =
      Set.of(
          DaemonHeartbeat.class,
          TrainingProgress.class,
          BandwidthRequested.class,
          BandwidthGranted.class,
          BandwidthReleased.class);

  private final Map<String, RecordedEvent<SpecificRecord>> events;

  EventIndex(int capacity) {
    this.events =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(
              Map.Entry<String, RecordedEvent<SpecificRecord>> eldest) {
            return size() > capacity;
          }
        };
  }

  void add(RecordedEvent<SpecificRecord> e) {
    if (!NOT_KEPT.contains(e.event().getClass())) {
      Events.eventId(e.event()).ifPresent(id -> events.put(id, e));
    }
  }

  /** Every kept event, in the order they were read. */
  List<RecordedEvent<SpecificRecord>> all() {
    return new ArrayList<>(events.values());
  }

  /** The kept events of the trace {@code traceId}, in the order they were read. */
  List<RecordedEvent<SpecificRecord>> trace(String traceId) {
    List<RecordedEvent<SpecificRecord>> found = new ArrayList<>();
    for (RecordedEvent<SpecificRecord> e : events.values()) {
      if (Events.header(e.event()).map(h -> traceId.equals(h.getTraceId())).orElse(false)) {
        found.add(e);
      }
    }
    return found;
  }

  int size() {
    return events.size();
  }
}
