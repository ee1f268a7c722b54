package ai.ringrift.admin;

import ai.ringrift.admin.cli.Logging;
import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import ai.ringrift.admin.up.EmbeddedLoop;
import ai.ringrift.admin.up.EmbeddedLoopSettings;
import ai.ringrift.admin.up.LoopReport;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift up}: the whole platform on this machine, on a real single-node KRaft broker, with
 * the training loop running on the simulated workload.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the platform on this machine: a real single-node Kafka broker with the topic catalog"
          + " applied, a schema registry with every event schema registered, the Streams apps"
          + " (signals, circuit breakers, promotion, model registry), the five stage services and"
          + " the bandwidth allocator, driven by simulated selfplay hosts (a SIMULATION of the"
          + " RingRift workload: real files, real Kafka, simulated game strength).",
      "Prints live progress per config until Ctrl-C or until --iterations promotion decisions per"
          + " config, then a summary. Data persists under --data-dir."
    })
public final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "var",
      description = "Where data lives (default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Broker client port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "KRaft controller port (default: ${DEFAULT-VALUE}; 0 = any).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int registryPort;

  @Option(
      names = "--http-port",
      description =
          "Status endpoint port (/health, /metrics, /status/...; default: runtime.httpPort in"
              + " runtime.yaml; 0 = any free port).")
  Integer httpPort;

  @Option(names = "--fresh", description = "Delete the data directory first and start clean.")
  boolean fresh;

  @Option(
      names = "--iterations",
      defaultValue = "0",
      description =
          "Stop after this many promotion decisions (promoted or rejected) for every config and"
              + " print the summary (default: 0 = run until Ctrl-C).")
  int iterations;

  @Option(
      names = "--configs",
      split = ",",
      paramLabel = "KEY",
      description = "Configs to play, e.g. square8_2p,hex8_3p (default: embedded.configs).")
  List<String> configs;

  @Option(
      names = "--no-loop",
      description = "Start only the broker and the registry, without the training loop.")
  boolean noLoop;

  @Option(
      names = "--config",
      description =
          "Config directory (default: ./config when present, else the packaged defaults).")
  Path configDirectory;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    if (iterations < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--iterations must be 0 or more, was " + iterations);
    }
    if (configs != null) {
      for (String config : configs) {
        if (!ConfigKeys.isValid(config)) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(),
              "--configs: '" + config + "' is not a config key like square8_2p or hex8_3p");
        }
      }
    }
    // the broker's, the Streams apps' and our own log lines go to a file beside the data
    Logging.toFile(dataDirectory.resolve("logs"));
    PrintWriter out = spec.commandLine().getOut();
    Thread hook = new Thread(this::stopAndWait, "ringrift-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(platformSettings(), line(out))) {
      if (noLoop) {
        say(out, "ready: bootstrap servers " + platform.bootstrapServers() + " (Ctrl-C to stop)");
        stopRequested.await();
      } else {
        runLoop(platform, out);
      }
      say(out, "stopping ...");
    } finally {
      say(out, "stopped; data kept in " + dataDirectory.toAbsolutePath());
      finished.countDown();
      removeHook(hook);
    }
    return 0;
  }

  private void runLoop(EmbeddedPlatform platform, PrintWriter out) throws InterruptedException {
    EmbeddedLoopSettings loopSettings = EmbeddedLoopSettings.load(platform.config());
    if (configs != null && !configs.isEmpty()) {
      loopSettings = loopSettings.withConfigs(configs);
    }
    ConfigSource paced = loopSettings.paced(platform.config());
    paced.overrides().forEach((file, values) -> say(out, "embedded pace: " + file + " " + values));
    KafkaSettings kafka =
        KafkaSettings.of(platform.bootstrapServers()).withSchemaRegistry(platform.registryUrl());
    Instant started = Instant.now();
    try (EmbeddedLoop loop =
        EmbeddedLoop.start(
            paced, kafka, dataDirectory, loopSettings, runtime(platform), line(out))) {
      say(
          out,
          "ready: bootstrap servers "
              + platform.bootstrapServers()
              + " and status at "
              + loop.statusUrl()
              + "/status, dashboard at "
              + loop.dashboard().url()
              + "; playing "
              + String.join(",", loopSettings.configs())
              + (iterations > 0 ? " for " + iterations + " iterations" : " (Ctrl-C to stop)"));
      watch(loop, loopSettings, started, out);
      say(out, "stopping the loop ...");
      loop.close();
      say(
          out,
          LoopReport.summary(loop.tally().snapshot(), Duration.between(started, Instant.now())));
    }
  }

  /** Prints progress until the iterations are done or a stop is requested. */
  private void watch(
      EmbeddedLoop loop, EmbeddedLoopSettings settings, Instant started, PrintWriter out)
      throws InterruptedException {
    long tickMillis = 500;
    long progressMillis = Math.round(settings.progressIntervalSeconds() * 1000);
    long lastProgress = System.currentTimeMillis();
    while (!stopRequested.await(tickMillis, TimeUnit.MILLISECONDS)) {
      if (iterations > 0 && loop.tally().everyConfigDecided(iterations)) {
        return;
      }
      long now = System.currentTimeMillis();
      if (progressMillis > 0 && now - lastProgress >= progressMillis) {
        lastProgress = now;
        say(
            out,
            LoopReport.progress(loop.tally().snapshot(), Duration.between(started, Instant.now())));
      }
    }
  }

  /** The status endpoint on this machine only, like the broker and the registry. */
  private RuntimeSettings runtime(EmbeddedPlatform platform) {
    RuntimeSettings configured = RuntimeSettings.load(platform.config(), System.getenv());
    return new RuntimeSettings(
        "localhost",
        httpPort == null ? configured.httpPort() : httpPort,
        configured.jmxEnabled(),
        configured.jmxDomain());
  }

  private EmbeddedPlatformSettings platformSettings() {
    return new EmbeddedPlatformSettings(
        dataDirectory, "localhost", port, controllerPort, fresh, configDirectory, registryPort);
  }

  /** Ctrl-C: asks the command to stop and waits until it printed its summary and stopped. */
  private void stopAndWait() {
    stopRequested.countDown();
    try {
      finished.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running
    }
  }

  private static java.util.function.Consumer<String> line(PrintWriter out) {
    return text -> say(out, text);
  }

  private static void say(PrintWriter out, String text) {
    synchronized (out) {
      out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
      out.flush();
    }
  }
}
