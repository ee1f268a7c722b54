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
import ai.ringrift.stages.daemon.DaemonSettings;
import ai.ringrift.stages.daemon.DaemonStatusReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code launch --status}: the latest heartbeat of every daemon in the cluster, as a table. */
final class DaemonStatusView {
  private final ClusterOptions connection;
  private final OutputOptions output;
  private final PrintWriter out;

  DaemonStatusView(ClusterOptions connection, OutputOptions output, PrintWriter out) {
    this.connection = connection;
    this.output = output;
    this.out = out;
  }

  int show(DaemonSettings settings, Duration since) throws Exception {
    connection.admin().close(); // one line when the cluster is not there
    TopicCatalog catalog = connection.catalog();
    KafkaSettings kafka = connection.kafkaSettings();
    WireSettings wire = connection.wire();
    if (wire.format() == WireFormat.REGISTRY) {
      connection.reachableRegistry(); // one line naming it when it does not answer
    }
    List<DaemonStatusReader.Reported> daemons =
        new DaemonStatusReader(
                kafka, catalog, EventSerdes.from(kafka, wire, catalog), Clock.systemUTC())
            .read(since, settings.heartbeatInterval(), ConnectionOptions.TIMEOUT);
    Table table =
        Table.of("NODE", "DAEMON", "STATE", "UPTIME", "RESTARTS", "ROLES", "LAG", "LAST ERROR");
    List<Map<String, Object>> json = new ArrayList<>();
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
    if (!output.json() && table.size() == 0) {
      out.println("no daemon heartbeat within the last " + since);
      out.flush();
      return 0;
    }
    output.print(out, json, table);
    return 0;
  }
}
