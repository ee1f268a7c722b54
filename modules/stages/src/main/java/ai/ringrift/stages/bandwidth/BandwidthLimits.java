package ai.ringrift.stages.bandwidth;

import ai.ringrift.config.Check;

/**
 * What the allocator may grant, in KB/s and concurrent transfers.
 *
 * @param defaultTransferKbps what a request for 0 KB/s gets
 * @param maxTransferKbps the most one transfer gets
 * @param perHostKbps the most all transfers of one host get together
 * @param totalKbps the most all transfers of the cluster get together
 * @param perHostTransfers concurrent transfers per host
 * @param totalTransfers concurrent transfers in the cluster
 * @param minGrantKbps a request waits rather than get less than this (or than it asked for)
 */
public record BandwidthLimits(
    int defaultTransferKbps,
    int maxTransferKbps,
    int perHostKbps,
    int totalKbps,
    int perHostTransfers,
    int totalTransfers,
    int minGrantKbps) {
  public BandwidthLimits {
    Check.atLeast("minGrantKbps", minGrantKbps, 1);
    Check.atLeast("defaultTransferKbps", defaultTransferKbps, minGrantKbps);
    Check.atLeast("maxTransferKbps", maxTransferKbps, defaultTransferKbps);
    Check.atLeast("perHostKbps", perHostKbps, minGrantKbps);
    Check.atLeast("totalKbps", totalKbps, perHostKbps);
    Check.atLeast("perHostTransfers", perHostTransfers, 1);
    Check.atLeast("totalTransfers", totalTransfers, perHostTransfers);
  }

  /** The rate a request asking for {@code requestedKbps} wants: 0 means the default. */
  public int wanted(int requestedKbps) {
    return requestedKbps <= 0 ? defaultTransferKbps : Math.min(requestedKbps, maxTransferKbps);
  }

  /** The least a request wanting {@code wantedKbps} accepts. */
  public int least(int wantedKbps) {
    return Math.min(wantedKbps, minGrantKbps);
  }
}
