package ai.ringrift.client.serde;

/**
 * The bytes are not Confluent-framed Avro: wrong magic byte, too short, an Avro datum that does not
 * decode with its writer schema (truncated, absurd lengths, bytes left over). Poison: the record
 * goes to the DLQ.
 */
public class WireFormatException extends EventDecodingException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String topic, String reason) {
    super(topic, reason);
  }

  public WireFormatException(String topic, String reason, Throwable cause) {
    super(topic, reason, cause);
  }
}
