package ai.ringrift.stages.bandwidth;

import java.time.Instant;
import java.util.Objects;

/**
 * Bandwidth granted to one request until it is released or expires.
 *
 * @param requestId the request granted
 * @param host the request's host
 * @param kbps the granted rate in KB/s
 * @param expiresAt when the allocator takes it back if it was not released
 * @param trace the request's event, for the grant's header
 */
public record Grant(
    String requestId, String host, int kbps, Instant expiresAt, TransferRequest.Trace trace) {
  public Grant {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(trace, "trace");
    if (kbps < 1) {
      throw new IllegalArgumentException("a grant of " + kbps + " KB/s for " + requestId);
    }
  }
}
