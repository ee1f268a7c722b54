package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.TestEvents.header;
import static ai.ringrift.streams.promotion.RollbackTest.single;
import static ai.ringrift.streams.promotion.RollbackTest.states;
import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.ModelAction;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.ModelState;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.streams.TestEvents;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's {@code ModelActionRequested}: promote a registered model outside the gates, or roll
 * production back. Production is "second" (Elo 1650), "first" (1600) is archived, "fresh" is a
 * trained candidate never evaluated.
 */
class ManualActionTest {
  static final String CONFIG = "square8_2p";

  PromotionDriver promotion;

  @BeforeEach
  void scene() {
    promotion = new PromotionDriver();
    promotion.champion(CONFIG, "first", 1600, Duration.ofDays(2));
    promotion.champion(CONFIG, "second", 1650, Duration.ofDays(1));
    promotion.driver.send(TestEvents.training(CONFIG, "fresh", promotion.driver.now()));
    promotion.driver.drain(ModelRegistryEntry.class);
  }

  @AfterEach
  void stop() {
    promotion.close();
  }

  @Test
  void promotesAnArchivedModelWithoutGatesAndArchivesProduction() {
    ModelActionRequested request = request(ModelAction.PROMOTE, "first");
    promotion.driver.send(request);

    ModelPromoted promoted = single(promotion.promoted());
    assertThat(promoted.getModelId()).isEqualTo("first");
    assertThat(promoted.getPreviousModelId()).isEqualTo("second");
    assertThat(promoted.getEloBefore()).isEqualTo(1650);
    assertThat(promoted.getEloAfter()).isEqualTo(1600);
    assertThat(promoted.getReason()).isEqualTo("manual promotion by alice@ops: hotfix");
    assertThat(promoted.getHeader().getCausationId()).isEqualTo(request.getHeader().getEventId());
    ModelRegistryEntry registry = promotion.registry(CONFIG);
    assertThat(registry.getProductionModelId()).isEqualTo("first");
    assertThat(states(registry))
        .containsExactlyInAnyOrder("first=PRODUCTION", "second=ARCHIVED", "fresh=CANDIDATE");
    assertThat(promotion.rejected()).isEmpty();
  }

  @Test
  void promotesANeverEvaluatedCandidateKeepingTheEloItReplaced() {
    promotion.driver.send(request(ModelAction.PROMOTE, "fresh"));

    ModelPromoted promoted = single(promotion.promoted());
    assertThat(promoted.getModelPath()).isEqualTo(modelPath("fresh"));
    assertThat(promoted.getEloAfter()).isEqualTo(promoted.getEloBefore()).isEqualTo(1650);
    ModelVersion fresh = version(promotion.registry(CONFIG), "fresh");
    assertThat(fresh.getState()).isEqualTo(ModelState.PRODUCTION);
    assertThat(fresh.getPromotedAtMs()).isNotNull();
  }

  @Test
  void ignoresAnUnknownModelAndTheModelAlreadyInProduction() {
    promotion.driver.send(request(ModelAction.PROMOTE, "nobody"));
    promotion.driver.send(request(ModelAction.PROMOTE, "second"));
    promotion.driver.send(request(ModelAction.PROMOTE, null));

    assertThat(promotion.promoted()).isEmpty();
    assertThat(promotion.driver.drain(ModelRegistryEntry.class)).isEmpty();
    assertThat(promotion.registry(CONFIG).getProductionModelId()).isEqualTo("second");
  }

  @Test
  void rollsBackToThePreviousProductionModel() {
    promotion.driver.send(request(ModelAction.ROLLBACK, null));

    ModelRolledBack rolledBack = single(promotion.driver.drain(ModelRolledBack.class));
    assertThat(rolledBack.getFromModelId()).isEqualTo("second");
    assertThat(rolledBack.getToModelId()).isEqualTo("first");
    assertThat(rolledBack.getReason()).isEqualTo("manual rollback by alice@ops: hotfix");
    assertThat(rolledBack.getRegressionEventId()).isNull();
    assertThat(states(promotion.registry(CONFIG)))
        .containsExactlyInAnyOrder("first=PRODUCTION", "second=ROLLED_BACK", "fresh=CANDIDATE");
  }

  @Test
  void aRepeatedRequestIsDoneOnce() {
    ModelActionRequested request = request(ModelAction.ROLLBACK, null);
    promotion.driver.send(request);
    promotion.driver.send(request);

    assertThat(promotion.driver.drain(ModelRolledBack.class)).hasSize(1);
    assertThat(promotion.registry(CONFIG).getProductionModelId()).isEqualTo("first");
  }

  private ModelActionRequested request(ModelAction action, String model) {
    return ModelActionRequested.newBuilder()
        .setHeader(header(promotion.driver.now()))
        .setConfig(TestEvents.config(CONFIG))
        .setAction(action)
        .setModelId(model)
        .setRequestedBy("alice@ops")
        .setReason("hotfix")
        .build();
  }

  private static String modelPath(String model) {
    return TestEvents.training(CONFIG, model, java.time.Instant.EPOCH).getModelPath();
  }

  private static ModelVersion version(ModelRegistryEntry registry, String model) {
    return registry.getModels().stream()
        .filter(m -> m.getModelId().equals(model))
        .findFirst()
        .orElseThrow();
  }
}
