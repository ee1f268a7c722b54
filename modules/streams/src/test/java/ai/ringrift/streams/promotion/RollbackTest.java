package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.header;
import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.events.RegressionAction;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.RegressionSeverity;
import ai.ringrift.streams.TestEvents;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollback of the production model ("second", promoted at Elo 1650 and win rate 0.80) to the
 * previous production model ("first").
 */
class RollbackTest {
  static final String CONFIG = "square8_2p";

  PromotionDriver promotion;

  @BeforeEach
  void twoPromotions() {
    promotion = new PromotionDriver();
    promotion.champion(CONFIG, "first", 1600, Duration.ofDays(2));
    promotion.champion(CONFIG, "second", 1650, Duration.ofDays(1));
  }

  @AfterEach
  void stop() {
    promotion.close();
  }

  @Test
  void eloFallingFiftyRollsBackToThePreviousProductionModel() {
    promotion.send(reevaluation(1600, 0.80, 60));

    ModelRolledBack event = single(promotion.driver.drain(ModelRolledBack.class));
    assertThat(event.getFromModelId()).isEqualTo("second");
    assertThat(event.getToModelId()).isEqualTo("first");
    assertThat(event.getToModelPath()).isEqualTo("/models/first.pth");
    assertThat(event.getReason()).contains("Elo fell 50.0");
    ModelRegistryEntry registry = promotion.registry(CONFIG);
    assertThat(registry.getProductionModelId()).isEqualTo("first");
    assertThat(states(registry))
        .containsExactlyInAnyOrder("first=PRODUCTION", "second=ROLLED_BACK");
  }

  @Test
  void winRateFallingTenPointsRollsBack() {
    promotion.send(reevaluation(1650, 0.70, 60));

    assertThat(single(promotion.driver.drain(ModelRolledBack.class)).getReason())
        .contains("win rate fell 0.100");
  }

  @Test
  void smallerDropsOrTooFewGamesKeepProduction() {
    promotion.send(reevaluation(1601, 0.71, 60));
    promotion.send(reevaluation(1500, 0.50, 49));

    assertThat(promotion.driver.drain(ModelRolledBack.class)).isEmpty();
    assertThat(promotion.registry(CONFIG).getProductionModelId()).isEqualTo("second");
    assertThat(promotion.promoted()).isEmpty();
    assertThat(promotion.rejected()).isEmpty();
  }

  @Test
  void criticalRegressionOfProductionRollsBack() {
    promotion.driver.send(regression("second", RegressionAction.ROLLBACK));

    ModelRolledBack event = single(promotion.driver.drain(ModelRolledBack.class));
    assertThat(event.getToModelId()).isEqualTo("first");
    assertThat(event.getRegressionEventId()).isNotNull();
    assertThat(event.getReason()).startsWith("CRITICAL regression");
  }

  @Test
  void regressionsThatDoNotRecommendRollbackOrConcernAnotherModelChangeNothing() {
    promotion.driver.send(regression("second", RegressionAction.RETRAIN));
    promotion.driver.send(regression("first", RegressionAction.ROLLBACK));

    assertThat(promotion.driver.drain(ModelRolledBack.class)).isEmpty();
    assertThat(promotion.registry(CONFIG).getProductionModelId()).isEqualTo("second");
  }

  @Test
  void withoutAPreviousProductionModelThereIsNothingToRollBackTo() {
    try (PromotionDriver fresh = new PromotionDriver()) {
      fresh.champion("hex8_2p", "only", 1600, Duration.ofDays(1));

      fresh.driver.send(
          evaluation("hex8_2p", "only", 1400, fresh.driver.now()).setGamesPlayed(100).build());

      assertThat(fresh.driver.drain(ModelRolledBack.class)).isEmpty();
      assertThat(fresh.registry("hex8_2p").getProductionModelId()).isEqualTo("only");
    }
  }

  private EvaluationCompleted reevaluation(double elo, double winRate, int games) {
    return evaluation(CONFIG, "second", elo, promotion.driver.now())
        .setWinRate(winRate)
        .setGamesPlayed(games)
        .build();
  }

  private RegressionDetected regression(String model, RegressionAction action) {
    return RegressionDetected.newBuilder()
        .setHeader(header(promotion.driver.now()))
        .setConfig(TestEvents.config(CONFIG))
        .setModelId(model)
        .setSeverity(RegressionSeverity.CRITICAL)
        .setEloDrop(80)
        .setRecommendation(action)
        .build();
  }

  static List<String> states(ModelRegistryEntry registry) {
    return registry.getModels().stream()
        .map((ModelVersion m) -> m.getModelId() + "=" + m.getState())
        .toList();
  }

  static <T> T single(List<T> values) {
    assertThat(values).hasSize(1);
    return values.get(0);
  }
}
