package ai.ringrift.client.publish;

import ai.ringrift.events.EventHeader;
import ai.ringrift.events.contract.Events;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** Makes and checks event headers: a new UUID, the publisher's source and the clock's time. */
final class HeaderFactory {
  private final String source;
  private final Clock clock;

  HeaderFactory(String source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  EventHeader create(Lineage lineage) {
    String eventId = EventIds.next();
    return new EventHeader(
        eventId,
        source,
        // the field holds milliseconds; millis() skips the clock's nanosecond adjustment
        Instant.ofEpochMilli(clock.millis()),
        lineage.isRoot() ? eventId : lineage.traceId(),
        lineage.correlationId(),
        lineage.causationId(),
        lineage.iteration());
  }

  /**
   * The event's header: filled in place when absent (from {@code lineage}), checked when present.
   * Returns null for state records ({@code headerField} -1), which carry no header.
   */
  EventHeader ensure(SpecificRecord event, int headerField, Lineage lineage) {
    if (headerField < 0) {
      return null;
    }
    EventHeader header = (EventHeader) event.get(headerField);
    if (header == null) {
      header = create(lineage);
      event.put(headerField, header);
      return header;
    }
    check(event, header);
    return header;
  }

  private static void check(SpecificRecord event, EventHeader header) {
    String type = Events.typeName(event);
    requireText(type, "event_id", header.getEventId());
    requireText(type, "source", header.getSource());
    requireText(type, "trace_id", header.getTraceId());
    if (header.getOccurredAt() == null) {
      throw new IllegalArgumentException(type + " header has no occurred_at");
    }
  }

  private static void requireText(String type, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          type
              + " header has a blank "
              + field
              + "; leave the header out and the publisher fills it, or use"
              + " EventPublisher.newHeader()");
    }
  }
}
