package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.headToHead;
import static ai.ringrift.streams.TestEvents.training;
import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelVersion;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's states and the exactly-once promotion of a redelivered evaluation. */
class ModelRegistryTest {
  static final String CONFIG = "hex8_3p";

  PromotionDriver promotion;

  @BeforeEach
  void start() {
    promotion = new PromotionDriver();
  }

  @AfterEach
  void stop() {
    promotion.close();
  }

  @Test
  void modelsMoveFromCandidateToProductionToArchived() {
    promotion.driver.send(training(CONFIG, "m1", promotion.driver.now()));
    assertThat(version("m1").getState().name()).isEqualTo("CANDIDATE");

    promotion.champion(CONFIG, "m1", 1600, Duration.ofHours(2));
    promotion.champion(CONFIG, "m2", 1650, Duration.ofHours(1));
    promotion.driver.send(training(CONFIG, "m3", promotion.driver.now()));
    promotion.send(
        evaluation(CONFIG, "m3", 1640, promotion.driver.now())
            .setHeadToHead(headToHead("m2", 1650, 90, 110, 0))
            .build());

    assertThat(RollbackTest.states(promotion.registry(CONFIG)))
        .containsExactlyInAnyOrder("m1=ARCHIVED", "m2=PRODUCTION", "m3=REJECTED");
    ModelVersion m2 = version("m2");
    assertThat(m2.getPromotedElo()).isEqualTo(1650.0);
    Instant promotedAt = promotion.driver.now().minus(Duration.ofHours(1));
    assertThat(m2.getPromotedAtMs()).isEqualTo(promotedAt.toEpochMilli());
    assertThat(promotion.registry(CONFIG).getLastPromotedAt()).isEqualTo(promotedAt);
    assertThat(promotion.driver.drain(ModelRegistryEntry.class))
        .last()
        .isEqualTo(promotion.registry(CONFIG));
  }

  @Test
  void aRejectedModelTheRegistryNeverHeardOfStaysOut() {
    promotion.send(evaluation(CONFIG, "unknown", 1501, promotion.driver.now()).build());

    assertThat(promotion.rejected()).hasSize(1);
    assertThat(promotion.registry(CONFIG)).isNull();
  }

  @Test
  void theSameEvaluationDeliveredTwiceIsDecidedOnce() {
    EvaluationCompleted e = evaluation(CONFIG, "m1", 1600, promotion.driver.now()).build();

    promotion.send(e);
    promotion.send(e);

    assertThat(promotion.promoted()).hasSize(1);
    assertThat(promotion.rejected()).isEmpty();
  }

  private ModelVersion version(String model) {
    return promotion.registry(CONFIG).getModels().stream()
        .filter(m -> m.getModelId().equals(model))
        .findFirst()
        .orElseThrow();
  }
}
