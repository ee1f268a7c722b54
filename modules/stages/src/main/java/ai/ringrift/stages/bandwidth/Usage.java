package ai.ringrift.stages.bandwidth;

import java.util.Map;

/**
 * What the live grants use, in total and per host.
 *
 * @param kbps granted KB/s of all live grants
 * @param transfers number of live grants
 * @param hosts the same per host, for hosts with a live grant
 */
public record Usage(int kbps, int transfers, Map<String, Host> hosts) {
  public Usage {
    hosts = Map.copyOf(hosts);
  }

  /** What the live grants of one host use. */
  public record Host(int kbps, int transfers) {}

  /** The host's usage, zero for a host with no live grant. */
  public Host host(String host) {
    return hosts.getOrDefault(host, new Host(0, 0));
  }
}
