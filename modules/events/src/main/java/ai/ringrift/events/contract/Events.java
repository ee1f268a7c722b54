package ai.ringrift.events.contract;

import ai.ringrift.events.EventHeader;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Generic access to the parts every event shares. */
public final class Events {
  private Events() {}

  /** The event's header, or empty for state records (which have none). */
  public static Optional<EventHeader> header(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("header");
    return field == null
        ? Optional.empty()
        : Optional.ofNullable((EventHeader) event.get(field.pos()));
  }

  /** The event's id, or empty for state records. */
  public static Optional<String> eventId(SpecificRecord event) {
    return header(event).map(EventHeader::getEventId);
  }

  /** The simple name of the event type, e.g. {@code TrainingCompleted}. */
  public static String typeName(SpecificRecord event) {
    return event.getSchema().getName();
  }
}
