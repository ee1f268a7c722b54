package ai.ringrift.admin.up;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.SampleEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopTallyTest {
  static final ConfigKey SQUARE8 = ConfigKeys.parse("square8_2p");
  static final ConfigKey HEX8 = ConfigKeys.parse("hex8_2p");

  @Test
  void countsEachConfigsWorkAndDecisionsAndFollowsTheProductionElo() {
    LoopTally tally = new LoopTally(List.of("square8_2p", "hex8_2p"));
    SelfplayBatchCompleted batch =
        SelfplayBatchCompleted.newBuilder(SampleEvents.of(SelfplayBatchCompleted.class, SQUARE8, 1))
            .setGamesCompleted(10)
            .build();
    tally.accept(batch);
    tally.accept(batch);
    tally.accept(SampleEvents.of(TrainingCompleted.class, SQUARE8, 2));
    tally.accept(evaluated("m1", 1510));
    tally.accept(evaluated("m2", 1600));
    String promotedLine = tally.accept(promoted("m1", 1500, 1510));
    tally.accept(promoted("m2", 1510, 1600));
    String rejectedLine = tally.accept(rejected("m3", "cooldown"));
    tally.accept(rejected("m4", "cooldown"));
    tally.accept(rejected("m5", "elo_gain"));
    String rollbackLine = tally.accept(rolledBack("m2", "m1"));
    assertThat(tally.accept(SampleEvents.of(CircuitStateChanged.class, HEX8, 3)))
        .contains("breaker");
    assertThat(tally.accept(SampleEvents.of(TrainingFailed.class, HEX8, 4)))
        .contains("training failed");

    ConfigProgress square8 = tally.snapshot().get(1);
    assertThat(square8.config()).isEqualTo("square8_2p");
    assertThat(square8.games()).isEqualTo(20);
    assertThat(square8.trainings()).isEqualTo(1);
    assertThat(square8.evaluations()).isEqualTo(2);
    assertThat(square8.promoted()).isEqualTo(2);
    assertThat(square8.rejected()).isEqualTo(Map.of("cooldown", 2, "elo_gain", 1));
    assertThat(square8.decisions()).isEqualTo(5);
    assertThat(square8.rolledBack()).isEqualTo(1);
    assertThat(square8.eloStart().getAsDouble()).isEqualTo(1500);
    assertThat(square8.eloEnd().getAsDouble()).as("back to m1's Elo").isEqualTo(1510);
    assertThat(promotedLine).isEqualTo("square8_2p promoted m1: Elo 1500 -> 1510");
    assertThat(rejectedLine).startsWith("square8_2p rejected m3 at gate cooldown");
    assertThat(rollbackLine).startsWith("square8_2p rolled back m2 -> m1");

    ConfigProgress hex8 = tally.snapshot().get(0);
    assertThat(hex8.breakerChanges()).isEqualTo(1);
    assertThat(hex8.failures()).isEqualTo(1);
    assertThat(hex8.eloEnd()).isEmpty();
    assertThat(tally.everyConfigDecided(3)).as("hex8_2p has no decision yet").isFalse();
    tally.accept(rejected("x", "elo_gain", HEX8));
    assertThat(tally.everyConfigDecided(1)).isTrue();
    assertThat(tally.everyConfigDecided(2)).isFalse();
  }

  @Test
  void summaryShowsPromotedRejectedByGateAndElo() {
    LoopTally tally = new LoopTally(List.of("square8_2p"));
    tally.accept(promoted("m1", 1500, 1530));
    tally.accept(rejected("m2", "cooldown"));
    String summary = LoopReport.summary(tally.snapshot(), Duration.ofSeconds(75));
    assertThat(summary).startsWith("summary after 1m 15s: 1 promoted, 1 rejected\n");
    assertThat(summary).containsPattern("square8_2p +0 +0 +1 +1 \\(cooldown 1\\) +0 +1500 -> 1530");
    assertThat(LoopReport.progress(tally.snapshot(), Duration.ofSeconds(5)))
        .startsWith("progress after 5s:\nconfig");
  }

  private static EvaluationCompleted evaluated(String model, double elo) {
    return EvaluationCompleted.newBuilder(SampleEvents.of(EvaluationCompleted.class, SQUARE8, 5))
        .setModelId(model)
        .setElo(elo)
        .build();
  }

  private static ModelPromoted promoted(String model, double before, double after) {
    return ModelPromoted.newBuilder(SampleEvents.of(ModelPromoted.class, SQUARE8, 6))
        .setModelId(model)
        .setEloBefore(before)
        .setEloAfter(after)
        .build();
  }

  private static PromotionRejected rejected(String model, String gate) {
    return rejected(model, gate, SQUARE8);
  }

  private static PromotionRejected rejected(String model, String gate, ConfigKey config) {
    return PromotionRejected.newBuilder(SampleEvents.of(PromotionRejected.class, config, 7))
        .setModelId(model)
        .setGate(gate)
        .build();
  }

  private static ModelRolledBack rolledBack(String from, String to) {
    return ModelRolledBack.newBuilder(SampleEvents.of(ModelRolledBack.class, SQUARE8, 8))
        .setFromModelId(from)
        .setToModelId(to)
        .build();
  }
}
