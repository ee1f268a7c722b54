package ai.ringrift.admin.launch;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.OutputOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift daemons status}: every daemon of the cluster from its latest heartbeat. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Every daemon of the cluster from its latest heartbeat: node, state, uptime, restarts,"
            + " roles held, lag, last error; stale after three missed beats.")
public final class DaemonsStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = Durations.class,
      description = "Heartbeats of this recent past (default: ${DEFAULT-VALUE}).")
  Duration since;

  @Override
  public Integer call() throws Exception {
    connection.admin().close(); // one line when the cluster is not there
    DaemonStatusView.read(connection, since).print(output, spec.commandLine().getOut());
    return 0;
  }
}
