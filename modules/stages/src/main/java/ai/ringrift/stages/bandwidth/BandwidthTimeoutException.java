package ai.ringrift.stages.bandwidth;

import java.time.Duration;

/**
 * No grant came within the wait; the request was withdrawn. The transfer should not start (or start
 * at a rate it chooses conservatively, outside coordination) and report itself failed or retry.
 */
public class BandwidthTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  public BandwidthTimeoutException(String requestId, String host, Duration waited) {
    super(
        "no bandwidth granted to request "
            + requestId
            + " for host "
            + host
            + " within "
            + waited
            + "; is a bandwidth-allocator daemon running? The request was withdrawn");
  }
}
