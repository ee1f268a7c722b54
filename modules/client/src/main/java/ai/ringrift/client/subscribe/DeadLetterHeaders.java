package ai.ringrift.client.subscribe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers a subscriber adds to a record it sends to a DLQ, beside the record's original key, value
 * and headers. Values are UTF-8 text; times are ISO-8601 instants.
 */
public final class DeadLetterHeaders {
  /** The topic the record was read from. */
  public static final String ORIGINAL_TOPIC = "ringrift.dlq.original-topic";

  /** Its partition there. */
  public static final String ORIGINAL_PARTITION = "ringrift.dlq.original-partition";

  /** Its offset there. */
  public static final String ORIGINAL_OFFSET = "ringrift.dlq.original-offset";

  /** Its timestamp there (epoch milliseconds). */
  public static final String ORIGINAL_TIMESTAMP = "ringrift.dlq.original-timestamp";

  /** Class of the last failure, e.g. {@code java.io.IOException}. */
  public static final String EXCEPTION_CLASS = "ringrift.dlq.exception-class";

  /** Message of the last failure. */
  public static final String EXCEPTION_MESSAGE = "ringrift.dlq.exception-message";

  /** Attempts made, the first included (1 for a poison record). */
  public static final String ATTEMPTS = "ringrift.dlq.attempts";

  /** When the first attempt failed. */
  public static final String FIRST_FAILURE = "ringrift.dlq.first-failure";

  /** When the last attempt failed. */
  public static final String LAST_FAILURE = "ringrift.dlq.last-failure";

  /** {@code POISON} (never worth retrying) or {@code RETRIES_EXHAUSTED}. */
  public static final String REASON = "ringrift.dlq.reason";

  /** The subscriber (consumer group) that gave up on it. */
  public static final String SUBSCRIBER = "ringrift.dlq.subscriber";

  private DeadLetterHeaders() {}

  /** The dead-letter headers of a DLQ record, by name (other headers left out). */
  public static Map<String, String> read(Headers headers) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Header header : headers) {
      if (header.key().startsWith("ringrift.dlq.") && header.value() != null) {
        values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return Map.copyOf(values);
  }
}
