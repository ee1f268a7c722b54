package ai.ringrift.client.subscribe;

import ai.ringrift.client.serde.EventDecodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The platform's one dead-letter header contract: the headers every consumer that gives up on a
 * record (a subscriber, a Streams app) adds to it when it sends it to a DLQ, beside the record's
 * original key, value and headers. Values are UTF-8 text; times are ISO-8601 instants. Written with
 * {@link #put}, read back with {@link #read}.
 */
public final class DeadLetterHeaders {
  /** What every dead-letter header's name starts with. */
  public static final String PREFIX = "ringrift.dlq.";

  /** The topic the record was read from. */
  public static final String ORIGINAL_TOPIC = "ringrift.dlq.original-topic";

  /** Its partition there. */
  public static final String ORIGINAL_PARTITION = "ringrift.dlq.original-partition";

  /** Its offset there. */
  public static final String ORIGINAL_OFFSET = "ringrift.dlq.original-offset";

  /** Its timestamp there (epoch milliseconds). */
  public static final String ORIGINAL_TIMESTAMP = "ringrift.dlq.original-timestamp";

  /**
   * Class of the last failure, e.g. {@code java.io.IOException} or {@link EventDecodingException}.
   */
  public static final String EXCEPTION_CLASS = "ringrift.dlq.exception-class";

  /** Message of the last failure. */
  public static final String EXCEPTION_MESSAGE = "ringrift.dlq.exception-message";

  /** Attempts made, the first included (1 for a poison record; a Streams app does not retry). */
  public static final String ATTEMPTS = "ringrift.dlq.attempts";

  /** When the first attempt failed. */
  public static final String FIRST_FAILURE = "ringrift.dlq.first-failure";

  /** When the last attempt failed (not written by a Streams app: it makes one attempt). */
  public static final String LAST_FAILURE = "ringrift.dlq.last-failure";

  /** {@code POISON} (never worth retrying) or {@code RETRIES_EXHAUSTED}. */
  public static final String REASON = "ringrift.dlq.reason";

  /** The subscriber or Streams application (its consumer group) that gave up on it. */
  public static final String SUBSCRIBER = "ringrift.dlq.subscriber";

  /**
   * Streams apps only: {@code deserialization} or {@code processing} (then also {@link
   * #PROCESSOR}).
   */
  public static final String FAILED_IN = "ringrift.dlq.failed-in";

  /** Streams apps only: the processor node whose processing failed. */
  public static final String PROCESSOR = "ringrift.dlq.processor";

  private DeadLetterHeaders() {}

  /**
   * Sets {@code name} to {@code value} in {@code headers}, replacing an earlier value: a record
   * dead-lettered before keeps only the latest story.
   */
  public static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The dead-letter headers of a DLQ record, by name (other headers left out). */
  public static Map<String, String> read(Headers headers) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Header header : headers) {
      if (header.key().startsWith(PREFIX) && header.value() != null) {
        values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return Map.copyOf(values);
  }
}
