package ai.ringrift.stages.bandwidth;

import ai.ringrift.events.TransferPriority;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A transfer asking for bandwidth.
 *
 * @param requestId unique id of the request; grant and release name it
 * @param host the host the transfer reads from or writes to
 * @param priority CRITICAL is served first
 * @param bytes the transfer's size, for reporting
 * @param requestedKbps wanted rate; 0 means the default
 * @param requestedAt when it was asked for
 * @param trace the event that asked, for the grant's header
 */
public record TransferRequest(
    String requestId,
    String host,
    TransferPriority priority,
    long bytes,
    int requestedKbps,
    Instant requestedAt,
    Trace trace) {
  /** Serving order: higher priority first, then first come, first served. */
  public static final Comparator<TransferRequest> SERVING_ORDER =
      Comparator.comparing(TransferRequest::priority, Comparator.reverseOrder())
          .thenComparing(TransferRequest::requestedAt)
          .thenComparing(TransferRequest::requestId);

  public TransferRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(trace, "trace");
  }

  /** Who caused an event and which pass of the loop it belongs to. */
  public record Trace(String eventId, String traceId) {
    /** No trace (tests, rebuilt state without one). */
    public static final Trace NONE = new Trace("", "");
  }
}
