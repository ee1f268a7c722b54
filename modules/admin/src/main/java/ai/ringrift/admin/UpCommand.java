package ai.ringrift.admin;

import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift up}: the whole platform on this machine, on a real single-node KRaft broker. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run the platform on this machine: a real single-node Kafka broker with the topic catalog applied"
            + " and a schema registry with every event schema registered. Data persists under --data-dir; Ctrl-C stops it cleanly.")
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

  @Option(names = "--fresh", description = "Delete the data directory first and start clean.")
  boolean fresh;

  @Option(
      names = "--config",
      description =
          "Config directory (default: ./config when present, else the packaged defaults).")
  Path configDirectory;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    EmbeddedPlatformSettings settings =
        new EmbeddedPlatformSettings(
            dataDirectory, "localhost", port, controllerPort, fresh, configDirectory, registryPort);
    CountDownLatch stopped = new CountDownLatch(1);
    EmbeddedPlatform platform = EmbeddedPlatform.start(settings, out::println);
    Thread hook =
        new Thread(
            () -> {
              out.println("stopping ...");
              out.flush();
              platform.close();
              out.println("stopped; data kept in " + dataDirectory.toAbsolutePath());
              out.flush();
              stopped.countDown();
            },
            "ringrift-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("ready: bootstrap servers " + platform.bootstrapServers() + " (Ctrl-C to stop)");
    out.flush();
    stopped.await();
    return 0;
  }
}
