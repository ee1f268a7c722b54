package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.TestEvents.evaluation;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.TestEvents;
import ai.ringrift.streams.common.ConfigOverrides;
import ai.ringrift.streams.common.DeadLetterRoutes;
import java.time.Duration;
import java.util.Map;

/** The promotion controller's topology under a test driver, with helpers to set the scene. */
final class PromotionDriver implements AutoCloseable {
  static final PromotionConfig RULES = PromotionConfig.load(Driver.CONFIG);

  final Driver driver;

  PromotionDriver() {
    this(Map.of());
  }

  /** With some thresholds changed, e.g. {@code headToHead.rule=SPRT}. */
  PromotionDriver(Map<String, String> overrides) {
    driver =
        new Driver(
            PromotionControllerApp.buildTopology(
                Driver.appConfig(ConfigOverrides.apply(RULES, overrides))),
            DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(PromotionControllerApp.INPUTS)));
  }

  /** Promotes {@code model} at {@code elo}, evaluated {@code ago} before now; drains its output. */
  void champion(String config, String model, double elo, Duration ago) {
    ModelRegistryEntry entry = registry(config);
    var builder = evaluation(config, model, elo, driver.now().minus(ago));
    if (entry != null && entry.getProductionModelId() != null) {
      builder.setHeadToHead(TestEvents.headToHead(entry.getProductionModelId(), 0, 150, 50, 0));
    }
    driver.send(builder.build());
    if (driver.drain(ModelPromoted.class).size() != 1) {
      throw new AssertionError("the scene's champion " + model + " was not promoted");
    }
    driver.drain(ModelRegistryEntry.class);
  }

  void send(EvaluationCompleted e) {
    driver.send(e);
  }

  ModelRegistryEntry registry(String config) {
    return driver
        .<ModelRegistryEntry>store(PromotionControllerApp.MODEL_REGISTRY_STORE)
        .get(config);
  }

  java.util.List<ModelPromoted> promoted() {
    return driver.drain(ModelPromoted.class);
  }

  java.util.List<PromotionRejected> rejected() {
    return driver.drain(PromotionRejected.class);
  }

  @Override
  public void close() {
    driver.close();
  }
}
