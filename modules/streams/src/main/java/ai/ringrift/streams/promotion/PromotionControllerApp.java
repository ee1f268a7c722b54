package ai.ringrift.streams.promotion;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.streams.common.AppConfig;
import ai.ringrift.streams.common.SeenEvents;
import ai.ringrift.streams.common.StoreView;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsAppProvider;
import ai.ringrift.streams.common.StreamsAppSpec;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.common.Topologies;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;

/**
 * The promotion controller and model registry: gates on every evaluation ({@code
 * ringrift.model.promoted} / {@code ringrift.promotion.rejected}), rollbacks ({@code
 * ringrift.model.rolled-back}) and the registry per config ({@code ringrift.state.models},
 * compacted). Status view: {@code /status/models[/<config>]}.
 */
public final class PromotionControllerApp {
  /** Service name. */
  public static final String NAME = "promotion-controller";

  /** The model registry per config (queried by the status view). */
  public static final String MODEL_REGISTRY_STORE = "model-registry";

  /**
   * Event ids applied (internal; changelog {@code
   * <application.id>-promotion-seen-events-changelog}).
   */
  public static final String SEEN_STORE = "promotion-seen-events";

  static final String PROCESSOR = "promotion-controller";
  static final String PROMOTED_OUT = "model-promoted-sink";
  static final String REJECTED_OUT = "promotion-rejected-sink";
  static final String ROLLED_BACK_OUT = "model-rolled-back-sink";
  static final String REGISTRY_OUT = "model-registry-sink";

  /** The event types the live controller reads. */
  static final List<Class<? extends SpecificRecord>> INPUTS =
      List.of(
          EvaluationCompleted.class,
          TrainingCompleted.class,
          RegressionDetected.class,
          ModelActionRequested.class);

  /** The promotion controller, for {@link StreamsApp#start}. */
  public static final StreamsAppSpec<PromotionConfig> SPEC =
      new StreamsAppSpec<>(
          NAME,
          PromotionConfig::load,
          StreamsSettings.Applications::promotionController,
          PromotionControllerApp::buildTopology,
          INPUTS,
          "models",
          (app, config) -> new StoreView<ModelRegistryEntry>(app, MODEL_REGISTRY_STORE, "models"));

  private PromotionControllerApp() {}

  /** Finds the app's {@link #SPEC} ({@code META-INF/services}). */
  public static final class Provider implements StreamsAppProvider {
    @Override
    public StreamsAppSpec<?> spec() {
      return SPEC;
    }
  }

  /** The topology, shared by {@link #SPEC} and the tests. */
  public static Topology buildTopology(AppConfig<PromotionConfig> config) {
    return build(
        config,
        INPUTS,
        true,
        topology -> {
          Topologies.sink(topology, config, ModelPromoted.class, PROMOTED_OUT, PROCESSOR);
          Topologies.sink(topology, config, PromotionRejected.class, REJECTED_OUT, PROCESSOR);
          Topologies.sink(topology, config, ModelRolledBack.class, ROLLED_BACK_OUT, PROCESSOR);
          Topologies.sink(topology, config, ModelRegistryEntry.class, REGISTRY_OUT, PROCESSOR);
        });
  }

  /**
   * The controller reading {@code inputs}, with changelogged stores or none ({@code logged}), and
   * outputs attached by {@code outputs} under the names {@code PROMOTED_OUT}, {@code REJECTED_OUT},
   * {@code ROLLED_BACK_OUT} and {@code REGISTRY_OUT}.
   */
  static Topology build(
      AppConfig<PromotionConfig> config,
      List<Class<? extends SpecificRecord>> inputs,
      boolean logged,
      Consumer<Topology> outputs) {
    Topology topology = new Topology();
    String[] sources =
        inputs.stream()
            .map(t -> Topologies.source(topology, config, t, "promotion-" + t.getSimpleName()))
            .toArray(String[]::new);
    topology.addProcessor(
        PROCESSOR,
        SeenEvents.once(
            config, SEEN_STORE, () -> new PromotionProcessor(config.rules(), config.source())),
        sources);
    topology.addStateStore(
        Topologies.store(config, MODEL_REGISTRY_STORE, ModelRegistryEntry.class, logged),
        PROCESSOR);
    topology.addStateStore(SeenEvents.store(config, SEEN_STORE, logged), PROCESSOR);
    outputs.accept(topology);
    return topology;
  }
}
