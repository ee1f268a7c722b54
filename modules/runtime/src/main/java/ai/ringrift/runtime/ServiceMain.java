package ai.ringrift.runtime;

import ai.ringrift.client.CoordinatorUrl;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.ServiceClientSettings;
import ai.ringrift.client.history.WireCheck;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.health.HealthSettings;
import ai.ringrift.runtime.metrics.KafkaClientMetrics;
import java.io.PrintStream;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service process starts: {@link #main} is {@code scripts/ringrift-service NAME} (the
 * {@link StandaloneService}s modules offer); {@link #run} is the body of each: load and validate
 * config (failing with the key that is wrong), start the runtime with the standard health checks
 * (broker and registry reachable), start the component, stop cleanly on SIGTERM; {@link #start} is
 * what {@code ringrift launch} shares with it.
 *
 * <pre>{@code
 * new StandaloneService("signal-computer", "...", () -> StreamsApp.run(SignalComputerApp.SPEC));
 * // StreamsApp.run(spec) is ServiceMain.run(spec.name(), context -> StreamsApp.start(context, spec))
 * }</pre>
 */
public final class ServiceMain {
  private static final Logger LOGGER = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** Starts a component of a service, given its context; what it returns is closed on shutdown. */
  @FunctionalInterface
  public interface Component {
    AutoCloseable start(ServiceContext context) throws Exception;
  }

  /**
   * {@code scripts/ringrift-service NAME}: runs the {@link StandaloneService} called {@code NAME}
   * (found with {@link java.util.ServiceLoader}); without a name, or with {@code --help}, lists
   * them. An unknown name prints one line saying so and the list, and exits 2.
   */
  public static void main(String[] args) {
    SortedMap<String, StandaloneService> services = StandaloneService.fromClasspath();
    int exit = choose(args, services, System.out, System.err);
    if (exit >= 0) {
      System.exit(exit);
    }
    services.get(args[0]).main().run();
  }

  /** What {@link #main} does with {@code args}: an exit code, or -1 to run the service named. */
  static int choose(
      String[] args,
      SortedMap<String, StandaloneService> services,
      PrintStream out,
      PrintStream err) {
    String usage = "usage: scripts/ringrift-service <service>\n" + StandaloneService.list(services);
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(usage);
      return 0;
    }
    if (args.length != 1) {
      err.print(usage);
      return 2;
    }
    if (!services.containsKey(args[0])) {
      err.println(
          "ringrift-service: unknown service '"
              + args[0]
              + "'; run one of those listed below, or `ringrift launch --stage NAME` for a daemon");
      err.print(usage);
      return 2;
    }
    return -1;
  }

  /** Runs {@code component} as service {@code name} until the process is told to stop. */
  public static void run(String name, Component component) {
    ServiceRuntime runtime;
    try {
      ConfigSource config = ConfigSource.discover();
      KafkaSettings kafka = KafkaSettings.fromEnvironment();
      ServiceContext context = start(name, config, kafka, WireSettings.resolve(kafka, config));
      runtime = context.runtime();
      runtime.manage(component.start(context));
    } catch (Exception e) {
      exitOnStartFailure(name, e);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, name + "-shutdown"));
    try {
      runtime.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends a service that could not start: one line saying why (the message names the setting to
   * change), the stack trace only at DEBUG, exit status 1.
   */
  public static void exitOnStartFailure(String name, Exception e) {
    LOGGER.error("{} failed to start: {}", name, e.getMessage() != null ? e.getMessage() : e);
    LOGGER.debug("{} failed to start", name, e);
    System.exit(1);
  }

  /**
   * Starts the runtime of service {@code name} with {@code config}'s settings, registers the
   * standard health checks (the cluster and, through {@code wire}, the registry reachable: every
   * service's {@code /health} says so) and returns the context components start in. What every
   * process that runs services begins with: {@link #run} for one component, {@code ringrift launch}
   * for the daemons of the bundles. The runtime is closed again when any of it fails.
   */
  public static ServiceContext start(
      String name, ConfigSource config, KafkaSettings kafka, WireSettings wire) {
    ServiceRuntime runtime =
        ServiceRuntime.start(name, RuntimeSettings.load(config, System.getenv()));
    try {
      StandardHealthChecks.register(runtime, kafka, wire, HealthSettings.load(config));
      return context(config, kafka, runtime);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /**
   * The context for components sharing {@code runtime} (the embedded run starts several this way).
   * Its serdes are those every client uses ({@link EventSerdes#from}): Confluent-framed Avro
   * through the registry {@link WireSettings#resolve} finds ({@code kafka}'s, else {@code
   * RINGRIFT_SCHEMA_REGISTRY_URL}, else {@code wire.schemaRegistryUrl}), plain Avro only when
   * {@code wire.format} says so. Its Kafka settings add the service clients' settings of {@code
   * client.yaml} ({@link ServiceClientSettings}) where {@code kafka} does not set them.
   *
   * <p>The runtime also serves {@code /status/join}: where this service's cluster is, for a host
   * whose {@code RINGRIFT_COORDINATOR_URL} points here ({@link CoordinatorUrl}).
   *
   * @throws WireFormatMismatchException when a topic's latest record has the other format (the
   *     service does not start; the message names the setting)
   */
  public static ServiceContext context(
      ConfigSource config, KafkaSettings kafka, ServiceRuntime runtime) {
    runtime.http().view(CoordinatorUrl.VIEW, () -> CoordinatorUrl.joinView(kafka));
    TopicCatalog catalog = TopicCatalog.load(config);
    KafkaSettings reported =
        KafkaClientMetrics.reportedBy(ServiceClientSettings.load(config).applyTo(kafka));
    WireSettings wire = WireSettings.resolve(reported, config);
    EventSerdes serdes = EventSerdes.from(reported, wire, catalog);
    WireCheck.verify(
        reported, serdes, catalog.topics(), wire.checkTimeout(), "service " + runtime.service());
    return new ServiceContext(config, reported, catalog, serdes, runtime);
  }
}
