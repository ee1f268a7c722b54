package ai.ringrift.streams.common;

/** Headers a Streams app adds to a record it sends to a dead-letter topic. */
public final class DeadLetterHeaders {
  /** Class of the exception that made the record unusable. */
  public static final String ERROR_CLASS = "ringrift.dlq.error.class";

  /** Its message: what was wrong with the record. */
  public static final String ERROR_MESSAGE = "ringrift.dlq.error.message";

  /** {@code deserialization} or {@code processing}: where the record failed. */
  public static final String FAILED_IN = "ringrift.dlq.failed.in";

  /** Topic the record was read from. */
  public static final String TOPIC = "ringrift.dlq.topic";

  /** Partition it was read from. */
  public static final String PARTITION = "ringrift.dlq.partition";

  /** Its offset there. */
  public static final String OFFSET = "ringrift.dlq.offset";

  /** The Streams application that gave up on it. */
  public static final String APPLICATION = "ringrift.dlq.application";

  /** The processor node that failed (for processing errors). */
  public static final String PROCESSOR = "ringrift.dlq.processor";

  private DeadLetterHeaders() {}
}
