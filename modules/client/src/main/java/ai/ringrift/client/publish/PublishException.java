package ai.ringrift.client.publish;

import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event could not be delivered: the broker was unreachable past the publisher's bounded wait
 * ({@code maxBlockMs} for metadata, {@code deliveryTimeoutMs} for the acknowledgement), the topic
 * is missing, or the broker refused the record. The message names the event, the topic and what to
 * check.
 *
 * <p>After a timeout the event may still have landed (only its acknowledgement was lost). Send it
 * again with {@link EventPublisher#retry(PublishException)}: the retry carries the same header, so
 * it is a copy of the event (same {@code event_id}) that every consumer applies once, never a new
 * event.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String eventId;
  private final transient SpecificRecord event;

  /**
   * @param topic the topic the event was meant for
   * @param eventId the event's id, or null for a state record
   * @param message what failed and what to check
   * @param cause the producer's error
   */
  public PublishException(String topic, String eventId, String message, Throwable cause) {
    this(topic, null, eventId, message, cause);
  }

  /**
   * @param topic the topic the event was meant for
   * @param event the event as it was sent (header filled), or null when unknown
   * @param eventId the event's id, or null for a state record
   * @param message what failed and what to check
   * @param cause the producer's error
   */
  public PublishException(
      String topic, SpecificRecord event, String eventId, String message, Throwable cause) {
    super(message, cause);
    this.topic = topic;
    this.event = event;
    this.eventId = eventId;
  }

  /** The event as it was sent, its header filled in: what {@link EventPublisher#retry} sends. */
  public Optional<SpecificRecord> event() {
    return Optional.ofNullable(event);
  }

  /** The topic the event was meant for. */
  public String topic() {
    return topic;
  }

  /** The event's id, or null for a state record. */
  public String eventId() {
    return eventId;
  }
}
