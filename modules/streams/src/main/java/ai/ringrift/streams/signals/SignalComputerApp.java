package ai.ringrift.streams.signals;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.streams.common.AppConfig;
import ai.ringrift.streams.common.OutputHeaders;
import ai.ringrift.streams.common.SeenEvents;
import ai.ringrift.streams.common.StoreView;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsAppProvider;
import ai.ringrift.streams.common.StreamsAppSpec;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.common.Topologies;
import ai.ringrift.streams.state.SignalState;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;

/**
 * The signal computer: per config, whether and how urgently to train ({@code
 * ringrift.state.signals}, compacted) and regressions of the production model ({@code
 * ringrift.signal.regression}). Status view: {@code /status/signals[/<config>]}, each config's
 * signal computed from its inputs at the time of the request.
 */
public final class SignalComputerApp {
  /** Service and status-view name. */
  public static final String NAME = "signal-computer";

  /** Per-config inputs (internal). */
  public static final String INPUTS_STORE = "signal-inputs";

  /**
   * Event ids applied (internal; changelog {@code <application.id>-signal-seen-events-changelog}).
   */
  public static final String SEEN_STORE = "signal-seen-events";

  static final String PROCESSOR = "signal-computer";
  static final String SIGNALS_SINK = "training-signals-sink";
  static final String REGRESSIONS_SINK = "regressions-sink";

  /** The event types the signal computer reads. */
  static final List<Class<? extends SpecificRecord>> INPUTS =
      List.of(
          SelfplayBatchCompleted.class,
          NpzExportCompleted.class,
          TrainingCompleted.class,
          EvaluationCompleted.class,
          ModelPromoted.class,
          ModelRolledBack.class);

  /** The signal computer, for {@link StreamsApp#start}. */
  public static final StreamsAppSpec<SignalsConfig> SPEC =
      new StreamsAppSpec<>(
          NAME,
          SignalsConfig::load,
          StreamsSettings.Applications::signalComputer,
          SignalComputerApp::buildTopology,
          INPUTS,
          "signals",
          SignalComputerApp::signalView);

  private SignalComputerApp() {}

  /** Finds the app's {@link #SPEC} ({@code META-INF/services}). */
  public static final class Provider implements StreamsAppProvider {
    @Override
    public StreamsAppSpec<?> spec() {
      return SPEC;
    }
  }

  /** The topology, shared by {@link #SPEC} and the tests. */
  public static Topology buildTopology(AppConfig<SignalsConfig> config) {
    Topology topology = new Topology();
    String[] sources =
        INPUTS.stream()
            .map(type -> Topologies.source(topology, config, type, sourceName(type)))
            .toArray(String[]::new);
    topology.addProcessor(
        PROCESSOR,
        SeenEvents.once(
            config, SEEN_STORE, () -> new SignalComputer(config.rules(), config.source())),
        sources);
    topology.addStateStore(
        Topologies.store(config, INPUTS_STORE, SignalState.class, true), PROCESSOR);
    topology.addStateStore(SeenEvents.store(config, SEEN_STORE, true), PROCESSOR);
    Topologies.sink(topology, config, TrainingSignal.class, SIGNALS_SINK, PROCESSOR);
    Topologies.sink(topology, config, RegressionDetected.class, REGRESSIONS_SINK, PROCESSOR);
    return topology;
  }

  /** {@code /status/signals}: every config's signal as of the request, from its inputs. */
  private static StoreView<SignalState> signalView(
      StreamsApp app, AppConfig<SignalsConfig> config) {
    SignalEvaluator evaluator = new SignalEvaluator(config.rules());
    OutputHeaders headers = new OutputHeaders(config.source());
    return new StoreView<>(
        app,
        INPUTS_STORE,
        "signals",
        (key, state) -> {
          Instant now = Instant.now();
          return evaluator.toSignal(
              key,
              headers.spontaneous("TrainingSignalView", key, now),
              evaluator.evaluate(state, now));
        });
  }

  private static String sourceName(Class<? extends SpecificRecord> type) {
    return "signals-" + type.getSimpleName() + "-source";
  }
}
