package ai.ringrift.streams.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.ModelAction;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.RegressionAction;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.DuplicateDelivery;
import ai.ringrift.streams.TestEvents;
import ai.ringrift.streams.common.DeadLetterRoutes;
import ai.ringrift.streams.state.SeenEvent;
import ai.ringrift.testkit.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One event counts once in the promotion controller: random runs of trainings, evaluations (some
 * pass the gates, some fail one), regressions and operator actions over two configs, each event
 * delivered 1 to 3 times with copies interleaved and restarts in between, end with the same model
 * registries and the same promotions, rejections and rollbacks as delivering each event once. A
 * failing seed is named by the assertion; rerun with it.
 */
class PromotionDuplicatesTest {
  static final int SEEDS_PER_BLOCK = 12;
  static final int EVENTS = 24;
  static final List<String> CONFIGS = List.of("square8_2p", "hex8_3p");

  static final DuplicateDelivery.App APP =
      new DuplicateDelivery.App(
          () -> PromotionControllerApp.buildTopology(Driver.appConfig(PromotionDriver.RULES)),
          DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(PromotionControllerApp.INPUTS)),
          Map.of(
              PromotionControllerApp.MODEL_REGISTRY_STORE,
              ModelRegistryEntry.class,
              PromotionControllerApp.SEEN_STORE,
              SeenEvent.class),
          List.of(
              ModelPromoted.class,
              PromotionRejected.class,
              ModelRolledBack.class,
              ModelRegistryEntry.class));

  @ParameterizedTest(name = "seeds {0}..+" + SEEDS_PER_BLOCK)
  @ValueSource(ints = {0, 1000})
  void eventsDeliveredUpToThreeTimesAcrossRestartsCountOnce(int firstSeed) {
    List<DuplicateDelivery.Outcome> runs =
        DuplicateDelivery.assertCountsOnce(
            APP, firstSeed, SEEDS_PER_BLOCK, PromotionDuplicatesTest::events);

    assertThat(runs)
        .as("models were promoted in these runs")
        .anyMatch(o -> o.outputs().stream().anyMatch(e -> e.startsWith("ModelPromoted")));
  }

  static List<SpecificRecord> events(Random random, List<Duration> steps) {
    List<SpecificRecord> events = new ArrayList<>();
    Instant at = Driver.START;
    for (int i = 0; i < EVENTS; i++) {
      Duration step = Duration.ofSeconds(1 + random.nextInt(400));
      steps.add(step);
      at = at.plus(step);
      String config = CONFIGS.get(random.nextInt(CONFIGS.size()));
      String model = "m" + random.nextInt(6);
      int dice = random.nextInt(100);
      SpecificRecord event;
      if (dice < 25) {
        event = TestEvents.training(config, model, at);
      } else if (dice < 80) {
        var evaluation = TestEvents.evaluation(config, model, 1400 + random.nextInt(500), at);
        if (random.nextBoolean()) {
          int wins = 80 + random.nextInt(60);
          evaluation.setHeadToHead(
              TestEvents.headToHead("m" + random.nextInt(6), 1500, wins, 200 - wins, 0));
        }
        event = evaluation.build();
      } else if (dice < 90) {
        RegressionDetected regression =
            SampleEvents.of(RegressionDetected.class, ConfigKeys.parse(config), i);
        SampleEvents.with(regression, "model_id", model);
        SampleEvents.with(
            regression, "recommendation", RegressionAction.values()[random.nextInt(3)]);
        event = SampleEvents.with(regression, "header", TestEvents.header(at));
      } else {
        ModelActionRequested action =
            SampleEvents.of(ModelActionRequested.class, ConfigKeys.parse(config), i);
        SampleEvents.with(
            action, "action", random.nextBoolean() ? ModelAction.PROMOTE : ModelAction.ROLLBACK);
        SampleEvents.with(action, "model_id", model);
        event = SampleEvents.with(action, "header", TestEvents.header(at));
      }
      events.add(event);
    }
    return events;
  }
}
