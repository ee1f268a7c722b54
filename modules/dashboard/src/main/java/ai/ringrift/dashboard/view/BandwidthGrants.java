package ai.ringrift.dashboard.view;

import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bandwidth per host and priority: grants active now (granted, not released and not expired) with
 * their rate, requests still waiting, and totals since the dashboard started reading. A grant is
 * matched to its request (which names the priority) by request id.
 */
final class BandwidthGrants {
  private static final int MAX_OPEN = 10_000;

  private final Map<String, BandwidthRequested> requests = bounded();
  private final Map<String, BandwidthGranted> grants = bounded();
  private final Map<String, Totals> totals = new TreeMap<>();

  void requested(BandwidthRequested r) {
    requests.put(r.getRequestId(), r);
    totals(r.getNode(), r.getPriority().name()).requested++;
  }

  void granted(BandwidthGranted g) {
    grants.put(g.getRequestId(), g);
    totals(g.getNode(), priority(g.getRequestId())).granted++;
  }

  void released(BandwidthReleased r) {
    Totals t = totals(r.getNode(), priority(r.getRequestId()));
    t.released++;
    t.bytes += r.getBytesTransferred();
    requests.remove(r.getRequestId());
    grants.remove(r.getRequestId());
  }

  /** Per {@code host/priority}: active grants and their rate at {@code now}, waiting, totals. */
  Map<String, Map<String, Object>> snapshot(long now) {
    Map<String, long[]> active = new TreeMap<>();
    grants.forEach(
        (id, g) -> {
          if (g.getExpiresAt().toEpochMilli() > now) {
            long[] a = active.computeIfAbsent(g.getNode() + "/" + priority(id), k -> new long[2]);
            a[0]++;
            a[1] += g.getGrantedKbps();
          }
        });
    Map<String, Long> waiting = new TreeMap<>();
    requests.forEach(
        (id, r) -> {
          if (!grants.containsKey(id)) {
            waiting.merge(r.getNode() + "/" + r.getPriority().name(), 1L, Long::sum);
          }
        });
    Map<String, Map<String, Object>> out = new TreeMap<>();
    totals.forEach(
        (key, t) -> {
          long[] a = active.getOrDefault(key, new long[2]);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("host", key.substring(0, key.lastIndexOf('/')));
          row.put("priority", key.substring(key.lastIndexOf('/') + 1));
          row.put("active", a[0]);
          row.put("activeKbps", a[1]);
          row.put("waiting", waiting.getOrDefault(key, 0L));
          row.put("requested", t.requested);
          row.put("granted", t.granted);
          row.put("released", t.released);
          row.put("bytes", t.bytes);
          out.put(key, row);
        });
    return out;
  }

  private String priority(String requestId) {
    BandwidthRequested r = requests.get(requestId);
    return r == null ? "UNKNOWN" : r.getPriority().name();
  }

  private Totals totals(String host, String priority) {
    return totals.computeIfAbsent(host + "/" + priority, k -> new Totals());
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_OPEN;
      }
    };
  }

  private static final class Totals {
    long requested;
    long granted;
    long released;
    long bytes;
  }
}
