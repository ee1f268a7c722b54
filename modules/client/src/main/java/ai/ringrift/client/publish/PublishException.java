package ai.ringrift.client.publish;

/**
 * An event could not be delivered: the broker was unreachable past the publisher's bounded wait
 * ({@code maxBlockMs} for metadata, {@code deliveryTimeoutMs} for the acknowledgement), the topic
 * is missing, or the broker refused the record. The message names the event, the topic and what to
 * check.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String eventId;

  /**
   * @param topic the topic the event was meant for
   * @param eventId the event's id, or null for a state record
   * @param message what failed and what to check
   * @param cause the producer's error
   */
  public PublishException(String topic, String eventId, String message, Throwable cause) {
    super(message, cause);
    this.topic = topic;
    this.eventId = eventId;
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
