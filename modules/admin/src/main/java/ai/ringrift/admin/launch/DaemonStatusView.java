package ai.ringrift.admin.launch;

import ai.ringrift.admin.cli.ClusterOptions;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormat;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.DaemonStatusReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest heartbeat of every daemon in the cluster, as a table or JSON: {@code daemons status},
 * {@code launch --status} and the daemons section of {@code cluster status}.
 */
public final class DaemonStatusView {
  private final List<DaemonStatusReader.Reported> daemons;
  private final Duration since;

  private DaemonStatusView(List<DaemonStatusReader.Reported> daemons, Duration since) {
    this.daemons = daemons;
    this.since = since;
  }

  /**
   * Reads the heartbeats of the last {@code since} from {@code connection}'s cluster, after
   * checking that its registry answers (one line naming it when it does not): {@code daemons
   * status} and {@code launch --status}.
   */
  public static DaemonStatusView read(ClusterOptions connection, Duration since) throws Exception {
    if (connection.wire().format() == WireFormat.REGISTRY) {
      connection.reachableRegistry();
    }
    return readSection(connection, since);
  }

  /**
   * Reads the heartbeats as a section of a larger view ({@code cluster status}): the registry is
   * asked only when there are heartbeats to decode.
   */
  public static DaemonStatusView readSection(ClusterOptions connection, Duration since)
      throws Exception {
    DaemonSettings settings = DaemonSettings.load(connection.config());
    KafkaSettings kafka = connection.kafkaSettings();
    WireSettings wire = connection.wire();
    TopicCatalog catalog = connection.catalog();
    return new DaemonStatusView(
        new DaemonStatusReader(
                kafka, catalog, EventSerdes.from(kafka, wire, catalog), Clock.systemUTC())
            .read(since, settings.heartbeatInterval(), ConnectionOptions.TIMEOUT),
        since);
  }

  /** Prints the table (or, when none reported, says so) or the JSON. */
  public void print(OutputOptions output, PrintWriter out) {
    if (!output.json() && daemons.isEmpty()) {
      out.println(none());
      out.flush();
      return;
    }
    output.print(out, json(), table());
  }

  /** What the table shows when no daemon reported. */
  public String none() {
    return "no daemon heartbeat within the last " + since;
  }

  /** One row per daemon. */
  public Table table() {
    Table table =
        Table.of("NODE", "DAEMON", "STATE", "UPTIME", "RESTARTS", "ROLES", "LAG", "LAST ERROR");
    for (DaemonStatusReader.Reported reported : daemons) {
      DaemonHeartbeat h = reported.heartbeat();
      String state =
          h.getState() + (reported.stale() ? " (stale since " + reported.at() + ")" : "");
      String roles = h.getRoles().isEmpty() ? "-" : String.join(",", h.getRoles());
      table.row(
          h.getNode(),
          h.getDaemon(),
          state,
          Duration.ofSeconds(h.getUptimeSeconds()),
          h.getRestarts(),
          roles,
          h.getLag(),
          h.getLastError());
    }
    return table;
  }

  /** One object per daemon. */
  public List<Map<String, Object>> json() {
    List<Map<String, Object>> json = new ArrayList<>();
    for (DaemonStatusReader.Reported reported : daemons) {
      DaemonHeartbeat h = reported.heartbeat();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("node", h.getNode());
      row.put("daemon", h.getDaemon());
      row.put("state", h.getState());
      row.put("stale", reported.stale());
      row.put("heartbeatAt", reported.at());
      row.put("uptimeSeconds", h.getUptimeSeconds());
      row.put("restarts", h.getRestarts());
      row.put("roles", h.getRoles());
      row.put("lag", h.getLag());
      row.put("lastError", h.getLastError());
      json.add(row);
    }
    return json;
  }
}
