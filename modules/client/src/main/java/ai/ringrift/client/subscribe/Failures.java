package ai.ringrift.client.subscribe;

import ai.ringrift.client.serde.EventDecodingException;
import ai.ringrift.client.serde.WireFormatMismatchException;
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
 *   <li>{@link Kind#MISCONFIGURED}: the reader and the record's writer use different wire formats
 *       ({@link WireFormatMismatchException}, wherever it is wrapped). Not the record's fault: the
 *       reader stops with the error, and neither dead-letters nor skips the record. Checked first.
 * </ul>
 *
 * <p>Every reader that decides what to do with a record that failed (the subscriber, the Streams
 * apps' dead-letter handler, the history and state-table readers) asks here.
 */
public final class Failures {
  /** What a failure means. */
  public enum Kind {
    /** Worth another attempt. */
    RETRIABLE,
    /** Never worth another attempt. */
    POISON,
    /** A configuration error of the reader or the writer: stop, keep the record. */
    MISCONFIGURED
  }

  private Failures() {}

  /** What {@code failure} means. */
  public static Kind classify(Throwable failure) {
    if (misconfiguration(failure) != null) {
      return Kind.MISCONFIGURED;
    }
    Throwable cause = unwrap(failure);
    if (cause instanceof SerializationException || cause instanceof NonRetriableException) {
      return Kind.POISON;
    }
    return Kind.RETRIABLE;
  }

  /**
   * The {@link WireFormatMismatchException} in {@code failure}'s chain of causes (a consumer, a
   * serde or a future may have wrapped it), or null.
   */
  public static WireFormatMismatchException misconfiguration(Throwable failure) {
    return WireFormatMismatchException.in(failure).orElse(null);
  }

  /**
   * Rethrows the {@link WireFormatMismatchException} in {@code failure}'s causes, if there is one:
   * for readers that would otherwise skip or dead-letter the record.
   */
  public static void rethrowMisconfiguration(Throwable failure) {
    WireFormatMismatchException.in(failure)
        .ifPresent(
            mismatch -> {
              throw mismatch;
            });
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
