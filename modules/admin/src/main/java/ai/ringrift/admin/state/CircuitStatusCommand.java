package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.ScopedConnectionOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.events.CircuitState;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift circuit status}: every breaker as a stage reads it (the compacted {@code
 * ringrift.state.circuits}). A (stage, config) that never failed has no entry: it is CLOSED.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Every circuit breaker with a history (ringrift.state.circuits): status, consecutive"
            + " failures, opens, when an OPEN one retries, the last error. Others are CLOSED.")
public final class CircuitStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ScopedConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(names = "--config", paramLabel = "KEY", description = "Only this config's breakers.")
  String config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect()) {
      Map<String, CircuitState> circuits = StateTable.read(connected, CircuitState.class, config);
      if (!output.json() && circuits.isEmpty()) {
        out.println(
            "no breaker has a history"
                + (config == null ? "" : " for " + config)
                + ": every (stage, config) is CLOSED");
        out.flush();
        return 0;
      }
      Table table =
          Table.of(
              "BREAKER",
              "STATUS",
              "FAILURES",
              "OPENS",
              "RETRY AT",
              "PROBE",
              "UPDATED",
              "LAST ERROR");
      circuits.forEach(
          (key, c) ->
              table.row(
                  key,
                  c.getStatus(),
                  c.getConsecutiveFailures(),
                  c.getOpens(),
                  c.getRetryAt(),
                  c.getProbeInFlight() ? "in flight" : "-",
                  c.getUpdatedAt(),
                  c.getLastError()));
      output.print(out, circuits.values().stream().map(AvroJson::toMap).toList(), table);
      return 0;
    }
  }
}
