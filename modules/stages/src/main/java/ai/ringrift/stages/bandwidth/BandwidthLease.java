package ai.ringrift.stages.bandwidth;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bandwidth granted to one transfer, given back on {@link #close()}:
 *
 * <pre>{@code
 * try (BandwidthLease lease = client.acquire("gpu-node-3", TransferPriority.HIGH, bytes, 0)) {
 *   rsync("--bwlimit=" + lease.kbps(), ...);
 *   lease.transferred(bytesCopied);
 * }
 * }</pre>
 */
public final class BandwidthLease implements AutoCloseable {
  private final BandwidthClient client;
  private final String requestId;
  private final String host;
  private final int kbps;
  private final Instant expiresAt;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile boolean expired;

  BandwidthLease(
      BandwidthClient client, String requestId, String host, int kbps, Instant expiresAt) {
    this.client = client;
    this.requestId = requestId;
    this.host = host;
    this.kbps = kbps;
    this.expiresAt = expiresAt;
  }

  public String requestId() {
    return requestId;
  }

  public String host() {
    return host;
  }

  /** The granted rate in KB/s (rsync's {@code --bwlimit} unit). */
  public int kbps() {
    return kbps;
  }

  /** When the allocator takes the grant back if it was not released. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** True once the allocator expired the grant (the transfer outlived the grant TTL). */
  public boolean expired() {
    return expired;
  }

  /** Records how many bytes the transfer moved, for the release event. */
  public void transferred(long byteCount) {
    bytes.set(byteCount);
  }

  /** Gives the bandwidth back (once; later calls do nothing). */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      client.release(this, bytes.get());
    }
  }

  void markExpired() {
    expired = true;
  }
}
