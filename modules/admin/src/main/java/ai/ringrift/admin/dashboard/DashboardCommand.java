package ai.ringrift.admin.dashboard;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.dashboard.Dashboard;
import ai.ringrift.dashboard.DashboardSettings;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.StandardHealthChecks;
import ai.ringrift.runtime.health.HealthSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift dashboard}: the live dashboard of a running cluster, served from this machine
 * until Ctrl-C (the {@code dashboard} service of the compose cluster runs the same with {@code
 * scripts/ringrift-service dashboard}).
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the live dashboard of a cluster's training loop at http://HOST:PORT/dashboard/"
          + " until Ctrl-C: Elo per config with promotions, rejections and rollbacks, the"
          + " breakers, stage runs, consumer lag, dead letters, bandwidth, a live event tail"
          + " and model lineage (docs/dashboard.md).",
      "It reads the topics without a consumer group and asks the Streams apps' status endpoints"
          + " (--status-url) for their views."
    })
public final class DashboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--http-port",
      description =
          "Port of the page and of /health, /metrics (default: runtime.httpPort in runtime.yaml,"
              + " or $RINGRIFT_HTTP_PORT; 0 = any free port).")
  Integer httpPort;

  @Option(
      names = "--status-url",
      paramLabel = "URL",
      split = ",",
      description =
          "Base URL of a Streams app's status endpoint, e.g. http://localhost:8092 (repeatable;"
              + " default: dashboard.statusUrls, or $RINGRIFT_DASHBOARD_STATUS_URLS).")
  List<String> statusUrls;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ConfigSource config = connection.config();
    DashboardSettings settings = DashboardSettings.load(config, System.getenv());
    if (statusUrls != null && !statusUrls.isEmpty()) {
      settings = settings.withStatusUrls(statusUrls);
    }
    connection.admin().close(); // fail fast, in one line, when the cluster is not there
    KafkaSettings kafka = connection.kafkaSettings();
    RuntimeSettings runtimeSettings = RuntimeSettings.load(config, System.getenv());
    if (httpPort != null) {
      runtimeSettings = runtimeSettings.withHttpPort(httpPort);
    }
    ServiceRuntime runtime = ServiceRuntime.start("dashboard", runtimeSettings);
    Dashboard dashboard;
    try {
      StandardHealthChecks.register(runtime, kafka, connection.wire(), HealthSettings.load(config));
      ServiceContext context = ServiceMain.context(config, kafka, runtime);
      dashboard = runtime.manage(Dashboard.start(context, settings));
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime.close();
                  stopped.countDown();
                },
                "dashboard-shutdown"));
    out.println("dashboard at " + dashboard.url() + " (Ctrl-C to stop)");
    out.flush();
    stopped.await();
    return 0;
  }
}
