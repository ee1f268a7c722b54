package ai.ringrift.streams.common;

/**
 * Headers a Streams app adds to a record it sends to a dead-letter topic, beside the record's
 * original key, value and headers. The names are the subscriber library's ({@code ringrift.dlq.*},
 * the same set every consumer of the platform writes), plus where in the app the record failed.
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

  /** Class of the failure, e.g. {@code ai.ringrift.client.serde.EventDecodingException}. */
  public static final String EXCEPTION_CLASS = "ringrift.dlq.exception-class";

  /** Message of the failure: what was wrong with the record. */
  public static final String EXCEPTION_MESSAGE = "ringrift.dlq.exception-message";

  /** Attempts made: always 1, a Streams app does not retry a record. */
  public static final String ATTEMPTS = "ringrift.dlq.attempts";

  /** When it failed (ISO-8601). */
  public static final String FIRST_FAILURE = "ringrift.dlq.first-failure";

  /** {@code POISON}: not worth retrying. */
  public static final String REASON = "ringrift.dlq.reason";

  /** The Streams application (its consumer group) that gave up on it. */
  public static final String SUBSCRIBER = "ringrift.dlq.subscriber";

  /** {@code deserialization} or {@code processing} (then also {@link #PROCESSOR}). */
  public static final String FAILED_IN = "ringrift.dlq.failed-in";

  /** The processor node whose processing failed. */
  public static final String PROCESSOR = "ringrift.dlq.processor";

  private DeadLetterHeaders() {}
}
