package ai.ringrift.stages.host;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.SubscriberSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.TriggerOutcome;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What the stage services of one process share: the cluster connection, the state tables they read
 * before they act (stage runs, breakers, signals, models), the metric registry, the instance id and
 * the clock. The embedded run shares one between all five stages; the launcher gives each daemon
 * its own.
 */
public final class StageSupport implements AutoCloseable {
  /** Stage consumer groups and transactional ids start with this ({@code config/security.yaml}). */
  public static final String GROUP_PREFIX = "ringrift.stage.";

  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private final ServiceContext context;
  private final String groupPrefix;
  private final Clock clock;
  private final StateTables tables;

  private StageSupport(ServiceContext context, String groupPrefix, Clock clock) {
    this.context = context;
    this.groupPrefix = groupPrefix;
    this.clock = clock;
    this.tables =
        StateTables.start(
            context.kafka(),
            context.catalog(),
            context.serdes(),
            List.of(
                StageRun.class,
                CircuitState.class,
                TrainingSignal.class,
                ModelRegistryEntry.class));
  }

  /** Support for the stages of {@code context}, with the standard group names and system time. */
  public static StageSupport open(ServiceContext context) throws InterruptedException {
    return open(context, GROUP_PREFIX, Clock.systemUTC());
  }

  /**
   * Support whose consumer groups and transactional ids start with {@code groupPrefix} (tests run
   * several independent sets of stages on one cluster); waits until the state tables are read.
   */
  public static StageSupport open(ServiceContext context, String groupPrefix, Clock clock)
      throws InterruptedException {
    StageSupport support = new StageSupport(context, groupPrefix, clock);
    try {
      support.tables.awaitCaughtUp(CATCH_UP);
    } catch (TimeoutException e) {
      support.close();
      throw new IllegalStateException("cannot start the stages: " + e.getMessage(), e);
    }
    return support;
  }

  public ServiceContext context() {
    return context;
  }

  public KafkaSettings kafka() {
    return context.kafka();
  }

  public TopicCatalog catalog() {
    return context.catalog();
  }

  public EventSerdes serdes() {
    return context.serdes();
  }

  public ConfigSource config() {
    return context.config();
  }

  public MetricRegistry metrics() {
    return context.runtime().metrics();
  }

  public String instanceId() {
    return context.runtime().instanceId();
  }

  public Clock clock() {
    return clock;
  }

  public StateTables tables() {
    return tables;
  }

  /**
   * The key of a (config, stage) in the stage-runs and circuits tables: {@code square8_2p/export}.
   */
  public static String key(ConfigKey config, Stage stage) {
    return ConfigKeys.format(config) + "/" + stage.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The latest stage-run record of a (config, stage), or null. */
  public StageRun latestRun(ConfigKey config, Stage stage) {
    return tables.get(StageRun.class, key(config, stage));
  }

  /** The newest trigger of a (config, stage) that succeeded, if one is remembered. */
  public java.util.Optional<TriggerOutcome> lastSuccess(ConfigKey config, Stage stage) {
    return TriggerLookup.lastSuccess(latestRun(config, stage));
  }

  /** The consumer group of service {@code name}: {@code ringrift.stage.<name>}. */
  public String groupId(String name) {
    return groupPrefix + name;
  }

  /** Who a service's events come from: {@code <name>@<instance>}. */
  public String source(String name) {
    return name + "@" + instanceId();
  }

  /** A publisher for the service {@code name} (progress and per-host reports). */
  public EventPublisher publisher(String name) {
    return EventPublisher.builder()
        .source(source(name))
        .kafka(kafka())
        .catalog(catalog())
        .serdes(serdes())
        .settings(PublisherSettings.load(config()))
        .clock(clock)
        .metrics(metrics())
        .build();
  }

  /** The transactional writer of service {@code name} on this instance. */
  public StageWriter writer(String name) {
    return new StageWriter(kafka(), catalog(), serdes(), groupPrefix + name + "." + instanceId());
  }

  /** The subscriber bounds of {@code client.yaml}. */
  public SubscriberSettings subscriberSettings() {
    return SubscriberSettings.load(config());
  }

  @Override
  public void close() {
    tables.close();
  }
}
