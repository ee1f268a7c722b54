package ai.ringrift.streams.common;

import ai.ringrift.events.EventHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Headers of the events a Streams app emits. The event id is derived from what caused the event
 * (name-based UUID), so reprocessing the same input after a crash emits the same ids and consumers
 * that deduplicate by id see one event.
 */
public final class OutputHeaders {
  private final String source;

  /**
   * @param source who emits, e.g. {@code promotion-controller@host-42}
   */
  public OutputHeaders(String source) {
    this.source = source;
  }

  /** The header of an event of {@code type} that reacts to {@code cause}. */
  public EventHeader reactingTo(EventHeader cause, String type, Instant at) {
    return new EventHeader(
        idOf(type + "|" + cause.getEventId()),
        source,
        at,
        cause.getTraceId(),
        cause.getCorrelationId(),
        cause.getEventId(),
        cause.getIteration());
  }

  /**
   * The header of an event of {@code type} that no input caused (a clock-driven transition); {@code
   * identity} must name it uniquely, e.g. the key and the time.
   */
  public EventHeader spontaneous(String type, String identity, Instant at) {
    String id = idOf(type + "|" + identity);
    return new EventHeader(id, source, at, id, null, null, null);
  }

  private static String idOf(String text) {
    return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
