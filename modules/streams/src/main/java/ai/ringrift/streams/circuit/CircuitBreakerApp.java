package ai.ringrift.streams.circuit;

import ai.ringrift.events.CircuitResetRequested;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.streams.common.AppConfig;
import ai.ringrift.streams.common.SeenEvents;
import ai.ringrift.streams.common.StoreView;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsAppProvider;
import ai.ringrift.streams.common.StreamsAppSpec;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.common.Topologies;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The circuit breakers: one per (stage, config), fed by the stage result events, the stages' probe
 * starts ({@code ringrift.state.stage-runs}) and manual resets. The current state of every breaker
 * is in {@code ringrift.state.circuits} (compacted, key {@code square8_2p/training}); every status
 * change is a {@code CircuitStateChanged}. Status view: {@code
 * /status/circuits[/<config>/<stage>]}.
 */
public final class CircuitBreakerApp {
  /** Service and status-view name. */
  public static final String NAME = "circuit-breakers";

  /** The breakers' states by {@code config/stage}. */
  public static final String STORE = "circuit-breakers";

  /**
   * Event ids applied (internal; changelog {@code <application.id>-circuit-seen-events-changelog}).
   */
  public static final String SEEN_STORE = "circuit-seen-events";

  /** Name of the repartition topic that brings probe starts to their config's partition. */
  static final String PROBES_REPARTITION = "circuit-breaker-probes";

  /** The circuit breakers, for {@link StreamsApp#start}. */
  public static final StreamsAppSpec<CircuitBreakerConfig> SPEC =
      new StreamsAppSpec<>(
          NAME,
          CircuitBreakerConfig::load,
          StreamsSettings.Applications::circuitBreakers,
          CircuitBreakerApp::buildTopology,
          inputs(),
          "circuits",
          (app, config) -> new StoreView<CircuitState>(app, STORE, "circuits"));

  private CircuitBreakerApp() {}

  /** Finds the app's {@link #SPEC} ({@code META-INF/services}). */
  public static final class Provider implements StreamsAppProvider {
    @Override
    public StreamsAppSpec<?> spec() {
      return SPEC;
    }
  }

  /** The event types read from their catalog topics (the stage runs aside). */
  static List<Class<? extends SpecificRecord>> inputs() {
    List<Class<? extends SpecificRecord>> types = new ArrayList<>(StageOutcome.TYPES);
    types.add(CircuitResetRequested.class);
    types.add(StageRun.class);
    return List.copyOf(types);
  }

  /** The topology, shared by {@link #SPEC} and the tests. */
  public static Topology buildTopology(AppConfig<CircuitBreakerConfig> config) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, SpecificRecord> inputs = null;
    List<Class<? extends SpecificRecord>> keyedByConfig = new ArrayList<>(StageOutcome.TYPES);
    keyedByConfig.add(CircuitResetRequested.class);
    for (Class<? extends SpecificRecord> type : keyedByConfig) {
      KStream<String, SpecificRecord> stream = stream(builder, config, type);
      inputs =
          inputs == null ? stream : inputs.merge(stream, Named.as("circuit-merge-" + name(type)));
    }
    int partitions = commonPartitions(config, keyedByConfig);
    KStream<String, SpecificRecord> probes =
        builder.stream(
                config.topic(StageRun.class),
                Consumed.with(config.serdes().key(), config.serdes().value(StageRun.class))
                    .withName("circuit-StageRun-source"))
            .filter(
                (key, run) ->
                    run.getStatus() == RunStatus.STARTED
                        || run.getStatus() == RunStatus.INTERRUPTED,
                Named.as("circuit-probe-filter"))
            .selectKey(
                (key, run) -> ConfigKeys.format(run.getConfig()), Named.as("circuit-probe-key"))
            .repartition(
                Repartitioned.with(config.serdes().key(), config.serdes().value(StageRun.class))
                    .withName(PROBES_REPARTITION)
                    .withNumberOfPartitions(partitions))
            .mapValues(run -> (SpecificRecord) run, Named.as("circuit-probe-upcast"));
    builder.addStateStore(Topologies.store(config, STORE, CircuitState.class, true));
    builder.addStateStore(SeenEvents.store(config, SEEN_STORE, true));
    KStream<String, SpecificRecord> out =
        inputs
            .merge(probes, Named.as("circuit-merge-probes"))
            .process(
                SeenEvents.once(
                    config,
                    SEEN_STORE,
                    () -> new CircuitBreakerProcessor(config.rules(), config.source())),
                Named.as("circuit-breaker"),
                STORE,
                SEEN_STORE);
    sink(out, config, CircuitState.class);
    sink(out, config, CircuitStateChanged.class);
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private static KStream<String, SpecificRecord> stream(
      StreamsBuilder builder, AppConfig<?> config, Class<? extends SpecificRecord> type) {
    Serde<SpecificRecord> values = (Serde<SpecificRecord>) config.serdes().value(type);
    return builder.stream(
        config.topic(type),
        Consumed.with(config.serdes().key(), values).withName("circuit-" + name(type) + "-source"));
  }

  private static <T extends SpecificRecord> void sink(
      KStream<String, SpecificRecord> out, AppConfig<?> config, Class<T> type) {
    out.filter(
            (key, value) -> type.isInstance(value), Named.as("circuit-" + name(type) + "-filter"))
        .mapValues(type::cast, Named.as("circuit-" + name(type) + "-cast"))
        .to(
            config.topic(type),
            Produced.with(config.serdes().key(), config.serdes().value(type))
                .withName("circuit-" + name(type) + "-sink"));
  }

  /**
   * Probe starts are repartitioned onto as many partitions as the result topics have, so a config's
   * records all meet in one task (and one store); the result topics must agree.
   */
  private static int commonPartitions(
      AppConfig<?> config, List<Class<? extends SpecificRecord>> types) {
    int partitions = config.catalog().topicFor(types.get(0)).partitions();
    for (Class<? extends SpecificRecord> type : types) {
      int p = config.catalog().topicFor(type).partitions();
      if (p != partitions) {
        throw new IllegalStateException(
            "the circuit breakers need every input topic keyed by config on the same number of"
                + " partitions, but "
                + config.topic(type)
                + " has "
                + p
                + " and "
                + config.topic(types.get(0))
                + " has "
                + partitions);
      }
    }
    return partitions;
  }

  private static String name(Class<?> type) {
    return type.getSimpleName();
  }
}
