package ai.ringrift.client.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's key or value could not be decoded as the topic's contract says. Not retriable: the
 * consumer layer sends the record to the topic's DLQ and moves on.
 */
public class EventDecodingException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String reason;

  public EventDecodingException(String topic, String reason) {
    this(topic, reason, null);
  }

  public EventDecodingException(String topic, String reason, Throwable cause) {
    super("cannot decode record on topic " + topic + ": " + reason, cause);
    this.topic = topic;
    this.reason = reason;
  }

  /** The topic the record came from. */
  public String topic() {
    return topic;
  }

  /** Why it could not be decoded. */
  public String reason() {
    return reason;
  }
}
