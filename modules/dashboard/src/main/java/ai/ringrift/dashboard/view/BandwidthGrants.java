package ai.ringrift.dashboard.view;

import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bandwidth per host and priority: grants active now (granted, not released and not expired) with
 * their rate, requests still waiting, and totals since the dashboard started reading. A grant or a
 * release is matched to its request (which names the priority) by request id. The topics are read
 * side by side, so one may come before its request: it counts as UNKNOWN priority until the request
 * comes, then moves to the request's priority.
 */
final class BandwidthGrants {
  static final String UNKNOWN = "UNKNOWN";
  private static final int MAX_OPEN = 10_000;

  private final Map<String, BandwidthRequested> requests = bounded();
  private final Map<String, BandwidthGranted> grants = bounded();
  private final Map<String, Early> early = bounded();
  private final Map<String, Totals> totals = new TreeMap<>();

  void requested(BandwidthRequested r) {
    String id = r.getRequestId();
    Totals t = totals(r.getNode(), r.getPriority().name());
    t.requested++;
    Early before = early.remove(id);
    if (before == null) {
      requests.put(id, r);
      return;
    }
    Totals unknown = totals(before.node, UNKNOWN);
    unknown.granted -= before.granted;
    unknown.released -= before.released;
    unknown.bytes -= before.bytes;
    t.granted += before.granted;
    t.released += before.released;
    t.bytes += before.bytes;
    if (before.released == 0) {
      requests.put(id, r);
    }
  }

  void granted(BandwidthGranted g) {
    grants.put(g.getRequestId(), g);
    count(g.getNode(), g.getRequestId(), 1, 0, 0);
  }

  void released(BandwidthReleased r) {
    count(r.getNode(), r.getRequestId(), 0, 1, r.getBytesTransferred());
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
          if (t.isZero() && a[0] == 0) {
            return;
          }
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

  private void count(String node, String requestId, long granted, long released, long bytes) {
    BandwidthRequested r = requests.get(requestId);
    Totals t = totals(node, r == null ? UNKNOWN : r.getPriority().name());
    t.granted += granted;
    t.released += released;
    t.bytes += bytes;
    if (r == null) {
      Early e = early.computeIfAbsent(requestId, id -> new Early(node));
      e.granted += granted;
      e.released += released;
      e.bytes += bytes;
    }
  }

  private String priority(String requestId) {
    BandwidthRequested r = requests.get(requestId);
    return r == null ? UNKNOWN : r.getPriority().name();
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

  private static class Totals {
    long requested;
    long granted;
    long released;
    long bytes;

    boolean isZero() {
      return requested == 0 && granted == 0 && released == 0 && bytes == 0;
    }
  }

  /** A grant or release whose request has not been read yet. */
  private static final class Early extends Totals {
    final String node;

    Early(String node) {
      this.node = node;
    }
  }
}
