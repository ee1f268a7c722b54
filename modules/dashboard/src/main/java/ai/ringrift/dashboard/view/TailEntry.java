package ai.ringrift.dashboard.view;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.dashboard.event.EventSummary;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.contract.Events;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event as the tail and the trace list show it.
 *
 * @param seq its place in the dashboard's tail (increasing; a page skips what it has)
 * @param at when it occurred (epoch ms)
 * @param type the event type
 * @param key its record key (the config, or config/stage, host, role)
 * @param eventId its id
 * @param traceId the trace it belongs to
 * @param causationId the event it reacts to
 * @param topic where it is
 * @param partition its partition
 * @param offset its offset
 * @param summary its fields in one line
 */
public record TailEntry(
    long seq,
    long at,
    String type,
    String key,
    String eventId,
    String traceId,
    String causationId,
    String topic,
    int partition,
    long offset,
    String summary) {

  /** The entry of {@code e}, numbered {@code seq}. */
  public static TailEntry of(long seq, RecordedEvent<? extends SpecificRecord> e) {
    EventHeader h = Events.header(e.event()).orElse(null);
    return new TailEntry(
        seq,
        h == null ? e.timestamp().toEpochMilli() : h.getOccurredAt().toEpochMilli(),
        Events.typeName(e.event()),
        e.key(),
        h == null ? null : h.getEventId(),
        h == null ? null : h.getTraceId(),
        h == null ? null : h.getCausationId(),
        e.topic(),
        e.partition(),
        e.offset(),
        EventSummary.of(e.event()));
  }
}
