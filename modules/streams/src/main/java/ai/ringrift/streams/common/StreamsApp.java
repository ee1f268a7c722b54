package ai.ringrift.streams.common;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.health.HealthCheck;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Kafka Streams app: started with exactly-once, the dead-letter handler, its own
 * application id and state directory; reported to the service runtime as a health check ({@code
 * streams.<name>}) and a state gauge; closed with the runtime.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StreamsApp.class);

  private final String name;
  private final KafkaStreams streams;
  private final StreamsSettings settings;
  private final ServiceRuntime runtime;

  private StreamsApp(
      String name, KafkaStreams streams, StreamsSettings settings, ServiceRuntime runtime) {
    this.name = name;
    this.streams = streams;
    this.settings = settings;
    this.runtime = runtime;
  }

  /**
   * Starts the app {@code spec} describes in {@code context}'s runtime, with the Streams settings
   * of {@code context}'s config directory ({@code main}).
   */
  public static StreamsApp start(ServiceContext context, StreamsAppSpec<?> spec) {
    return start(context, StreamsSettings.load(context.config(), System.getenv()), spec);
  }

  /**
   * Starts the app {@code spec} describes in {@code context}'s runtime (several apps may share one)
   * and serves its status view.
   */
  public static <R> StreamsApp start(
      ServiceContext context, StreamsSettings settings, StreamsAppSpec<R> spec) {
    AppConfig<R> config = AppConfig.of(context, spec.rules().apply(context.config()), spec.name());
    StreamsApp app =
        start(
            spec.name(),
            spec.applicationId().apply(settings.applications()),
            spec.topology().apply(config),
            DeadLetterRoutes.of(context.catalog(), config.topics(spec.inputs())),
            settings,
            context.kafka(),
            context.runtime());
    context.runtime().http().view(spec.viewName(), spec.view().apply(app, config));
    return app;
  }

  /** Runs the app {@code spec} describes as a service of its own until told to stop. */
  public static void run(StreamsAppSpec<?> spec) {
    ServiceMain.run(spec.name(), context -> start(context, spec));
  }

  private static StreamsApp start(
      String name,
      String applicationId,
      Topology topology,
      String dlqRoutes,
      StreamsSettings settings,
      KafkaSettings kafka,
      ServiceRuntime runtime) {
    Properties props = properties(applicationId, dlqRoutes, settings, kafka);
    KafkaStreams streams = new KafkaStreams(topology, props);
    StreamsApp app = new StreamsApp(name, streams, settings, runtime);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOGGER.error("app={} stream thread died; shutting the app down", name, e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> LOGGER.info("app={} state {} -> {}", name, before, now));
    runtime.health().register("streams." + name, app.healthCheck());
    runtime.metrics().gauge("streams." + name + ".state", () -> (Gauge<String>) app::stateName);
    streams.start();
    LOGGER.info("app={} application.id={} started", name, applicationId);
    return app;
  }

  /** The Streams properties of an app (exactly-once, DLQ handler, the settings' tuning). */
  public static Properties properties(
      String applicationId, String dlqRoutes, StreamsSettings settings, KafkaSettings kafka) {
    Properties props = new Properties();
    props.putAll(kafka.clientConfig());
    props.putAll(settings.properties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    props.put(DeadLetterHandler.ROUTES_CONFIG, dlqRoutes);
    return props;
  }

  /** The app's name, e.g. {@code signal-computer}. */
  public String name() {
    return name;
  }

  /** The Kafka Streams client, for what this class does not wrap. */
  public KafkaStreams streams() {
    return streams;
  }

  /** True once the app processes (RUNNING). */
  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /**
   * The key-value store {@code store}; fails with {@code InvalidStateStoreException} until RUNNING.
   */
  public <K, V> ReadOnlyKeyValueStore<K, V> store(String store) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<K, V>keyValueStore()));
  }

  private String stateName() {
    return streams.state().name();
  }

  private HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        KafkaStreams.State state = streams.state();
        return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
            ? Result.healthy("state " + state)
            : Result.unhealthy("state " + state);
      }
    };
  }

  @Override
  public void close() {
    runtime.health().unregister("streams." + name);
    runtime.metrics().remove("streams." + name + ".state");
    streams.close(settings.closeTimeout());
    LOGGER.info("app={} closed", name);
  }
}
