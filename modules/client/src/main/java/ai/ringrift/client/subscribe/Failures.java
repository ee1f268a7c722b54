package ai.ringrift.client.subscribe;

import ai.ringrift.client.serde.EventDecodingException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one place that decides what a failure means for an event.
 *
 * <ul>
 *   <li>{@link Kind#POISON}: the record cannot be decoded ({@link EventDecodingException} or any
 *       other {@link SerializationException}) or the handler says it can never succeed ({@link
 *       NonRetriableException}). Retrying cannot help: the record goes to the DLQ at once.
 *   <li>{@link Kind#RETRIABLE}: anything else (a timeout, a missing file, a busy host). Retried
 *       with exponential backoff up to {@code retry.maxAttempts}, then the record goes to the DLQ.
 * </ul>
 */
public final class Failures {
  /** What a failure means. */
  public enum Kind {
    /** Worth another attempt. */
    RETRIABLE,
    /** Never worth another attempt. */
    POISON
  }

  private Failures() {}

  /** What {@code failure} means. */
  public static Kind classify(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof SerializationException || cause instanceof NonRetriableException) {
      return Kind.POISON;
    }
    return Kind.RETRIABLE;
  }

  /** The failure inside the wrappers that futures add. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
