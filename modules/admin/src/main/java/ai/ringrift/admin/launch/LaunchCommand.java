package ai.ringrift.admin.launch;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.RunsAsService;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.runtime.daemon.ServiceBundles;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift launch}: start daemons on this machine and supervise them until stopped, or show
 * what runs where in the whole cluster ({@code --status}).
 */
@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    description = {
      "Start daemons on this machine and keep them running (restart with backoff, crash-loop"
          + " detection, health checks) until Ctrl-C, which stops them gracefully.",
      "With --status: every daemon of the cluster from its latest heartbeat."
    })
public final class LaunchCommand implements Callable<Integer>, RunsAsService {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      defaultValue = "PT0S",
      description =
          "How long to wait for the cluster to answer before giving up (default: ${DEFAULT-VALUE},"
              + " fail at once); a container started beside its brokers waits, e.g. PT3M.")
  Duration waitForCluster;

  @Option(
      names = "--since",
      defaultValue = "PT10M",
      description = "With --status: heartbeats of this recent past (default: ${DEFAULT-VALUE}).")
  Duration since;

  /** What to launch, or --status. */
  static final class Selection {
    @Option(names = "--all", description = "Every daemon in daemons.yaml.")
    boolean all;

    @Option(names = "--sync", description = "The daemons of profile sync.")
    boolean sync;

    @Option(names = "--training-only", description = "The daemons of profile training.")
    boolean trainingOnly;

    @Option(names = "--stage", paramLabel = "NAME", description = "One daemon by name.")
    String stage;

    @Option(names = "--streams", description = "The daemons of profile streams (Streams apps).")
    boolean streams;

    @Option(names = "--status", description = "Show the cluster's daemons instead.")
    boolean status;

    LaunchSelection toSelection() {
      if (stage != null) {
        return LaunchSelection.stage(stage);
      }
      if (streams) {
        return LaunchSelection.streams();
      }
      return sync
          ? LaunchSelection.sync()
          : trainingOnly ? LaunchSelection.trainingOnly() : LaunchSelection.all();
    }
  }

  /**
   * The daemons this command can start: those of every bundle on the classpath (the stage services
   * and the allocator of the stages module, the Streams apps with the settings of {@code
   * streams.yaml}).
   */
  public static DaemonCatalog daemons() {
    return ServiceBundles.fromClasspath().daemons();
  }

  @Override
  public Integer call() throws Exception {
    ConfigSource config = connection.config();
    DaemonSettings settings = DaemonSettings.load(config);
    if (selection.status) {
      connection.admin().close(); // one line when the cluster is not there
      DaemonStatusView.read(connection, since).print(output, spec.commandLine().getOut());
      return 0;
    }
    return launch(config, settings, selection.toSelection());
  }

  private void awaitCluster(PrintWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + waitForCluster.toNanos();
    while (true) {
      try {
        connection.admin().close();
        return;
      } catch (CliException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        out.println("waiting for the cluster (--wait " + waitForCluster + "): " + e.getMessage());
        out.flush();
        Thread.sleep(2_000);
      }
    }
  }

  private int launch(ConfigSource config, DaemonSettings settings, LaunchSelection chosen)
      throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    awaitCluster(out); // fail, in one line, when the cluster is not there (in time)
    KafkaSettings kafka = connection.kafkaSettings();
    // /health answers for the whole machine: the cluster and the registry reachable
    ServiceContext context = ServiceMain.start("launcher", config, kafka, connection.wire());
    ServiceRuntime runtime = context.runtime();
    DaemonLauncher launcher;
    try {
      launcher = DaemonLauncher.start(context, settings, daemons(), chosen, "launcher");
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("stopping daemons ...");
                  out.flush();
                  launcher.close();
                  runtime.close();
                  out.println("stopped");
                  out.flush();
                  stopped.countDown();
                },
                "launch-shutdown"));
    out.println(
        "launched "
            + chosen
            + ": "
            + String.join(", ", chosen.resolve(settings))
            + "; status at "
            + runtime.http().baseUrl()
            + "/status/daemons (Ctrl-C to stop)");
    out.flush();
    stopped.await();
    return 0;
  }
}
