package ai.ringrift.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit's checks, each shown to fail on the topics it must refuse. */
class LoopAuditTest {
  static final ConfigKey SQUARE8 = ConfigKeys.parse("square8_2p");
  static final ConfigKey HEX8 = ConfigKeys.parse("hex8_2p");
  static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void aCleanRunPassesEveryCheck() {
    LoopAudit audit = audit(cleanPromoted(), cleanRejected(), cleanOutputs(), T0.plusSeconds(30));
    assertThat(audit.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
    assertThat(audit.checks())
        .extracting(LoopAudit.Check::name)
        .containsExactly(
            "each evaluation decided once",
            "each model promoted once",
            "each trigger's sync GAMES run once",
            "each trigger's sync MODELS run once",
            "each trigger's training run once",
            "acknowledged events kept",
            "decisions per config",
            "decisions after 2026-06-01T12:00:30Z");
  }

  @Test
  void anEvaluationDecidedTwiceFails() {
    List<PromotionRejected> rejected =
        List.of(rejected(SQUARE8, "eval-3", "m3", 60), rejected(SQUARE8, "eval-3", "m3", 61));
    LoopAudit audit = audit(cleanPromoted(), rejected, cleanOutputs(), null);
    assertThat(check(audit, "each evaluation decided once"))
        .satisfies(c -> assertThat(c.passed()).isFalse())
        .satisfies(c -> assertThat(c.detail()).contains("eval-3 x2"));
  }

  @Test
  void aModelPromotedTwiceFails() {
    List<ModelPromoted> promoted =
        List.of(promoted(SQUARE8, "eval-1", "m1", 10), promoted(SQUARE8, "eval-9", "m1", 90));
    assertThat(
            check(
                    audit(promoted, cleanRejected(), cleanOutputs(), null),
                    "each model promoted once")
                .passed())
        .isFalse();
  }

  @Test
  void aTriggerWhoseActionRanTwiceFailsButOneSyncPerHostPasses() {
    List<StageOutput> outputs =
        List.of(
            StageOutput.of(trained("trigger-1", "m1")),
            StageOutput.of(trained("trigger-1", "m1-again")),
            StageOutput.of(synced("promo-1", SyncDataType.MODELS, "selfplay-1")),
            StageOutput.of(synced("promo-1", SyncDataType.MODELS, "selfplay-2")));
    LoopAudit audit = audit(cleanPromoted(), cleanRejected(), outputs, null);
    assertThat(check(audit, "each trigger's training run once").passed()).isFalse();
    assertThat(check(audit, "each trigger's training run once").detail()).contains("trigger-1");
    assertThat(check(audit, "each trigger's sync MODELS run once").passed()).isTrue();
  }

  @Test
  void anAcknowledgedEventMissingFromItsTopicFails() {
    LoopAudit lost =
        new LoopAudit(
            cleanPromoted(),
            cleanRejected(),
            cleanOutputs(),
            Set.of("a", "b"),
            Map.of("selfplay-1", List.of("a", "b", "c")),
            List.of("square8_2p", "hex8_2p"),
            1,
            null);
    assertThat(check(lost, "acknowledged events kept").passed()).isFalse();
    assertThat(check(lost, "acknowledged events kept").detail())
        .contains("1 of 3 acknowledged events missing: [selfplay-1:c]");
  }

  @Test
  void tooFewDecisionsOrNoneAfterTheLastFaultFail() {
    LoopAudit late = audit(cleanPromoted(), cleanRejected(), cleanOutputs(), T0.plusSeconds(70));
    assertThat(check(late, "decisions after 2026-06-01T12:01:10Z").passed()).isFalse();
    assertThat(check(late, "decisions after 2026-06-01T12:01:10Z").detail())
        .isEqualTo("square8_2p 0, hex8_2p 0");
    LoopAudit demanding =
        new LoopAudit(
            cleanPromoted(),
            cleanRejected(),
            cleanOutputs(),
            Set.of("a"),
            Map.of("selfplay-1", List.of("a")),
            List.of("square8_2p", "hex8_2p"),
            3,
            null);
    assertThat(check(demanding, "decisions per config").passed()).isFalse();
    assertThat(check(demanding, "decisions per config").detail())
        .isEqualTo("square8_2p 2, hex8_2p 2 (at least 3 each)");
  }

  static LoopAudit audit(
      List<ModelPromoted> promoted,
      List<PromotionRejected> rejected,
      List<StageOutput> outputs,
      Instant after) {
    return new LoopAudit(
        promoted,
        rejected,
        outputs,
        Set.of("a", "b"),
        Map.of("selfplay-1", List.of("a"), "selfplay-2", List.of("b")),
        List.of("square8_2p", "hex8_2p"),
        2,
        after);
  }

  static LoopAudit.Check check(LoopAudit audit, String name) {
    return audit.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  static List<ModelPromoted> cleanPromoted() {
    return List.of(promoted(SQUARE8, "eval-1", "m1", 10), promoted(HEX8, "eval-2", "h1", 20));
  }

  static List<PromotionRejected> cleanRejected() {
    return List.of(rejected(SQUARE8, "eval-3", "m2", 40), rejected(HEX8, "eval-4", "h2", 50));
  }

  static List<StageOutput> cleanOutputs() {
    return List.of(
        StageOutput.of(trained("export-1", "m1")),
        StageOutput.of(trained("export-2", "m2")),
        StageOutput.of(synced("batch-1", SyncDataType.GAMES, "local")),
        StageOutput.of(synced("promo-1", SyncDataType.MODELS, "selfplay-1")),
        StageOutput.of(synced("promo-1", SyncDataType.MODELS, "selfplay-2")));
  }

  static ModelPromoted promoted(ConfigKey config, String evaluation, String model, int second) {
    return ModelPromoted.newBuilder(SampleEvents.of(ModelPromoted.class, config, second))
        .setHeader(header("promoted-" + model + second, null, second))
        .setEvaluationEventId(evaluation)
        .setModelId(model)
        .build();
  }

  static PromotionRejected rejected(ConfigKey config, String evaluation, String model, int second) {
    return PromotionRejected.newBuilder(SampleEvents.of(PromotionRejected.class, config, second))
        .setHeader(header("rejected-" + model + second, null, second))
        .setEvaluationEventId(evaluation)
        .setModelId(model)
        .build();
  }

  static TrainingCompleted trained(String trigger, String model) {
    return TrainingCompleted.newBuilder(SampleEvents.of(TrainingCompleted.class, 1))
        .setHeader(header("trained-" + model, trigger, 5))
        .setModelId(model)
        .build();
  }

  static DataSyncCompleted synced(String trigger, SyncDataType type, String target) {
    return DataSyncCompleted.newBuilder(SampleEvents.of(DataSyncCompleted.class, 1))
        .setHeader(header("synced-" + trigger + target, trigger, 5))
        .setSyncType(type)
        .setSourceNode(type == SyncDataType.GAMES ? "selfplay-1" : "training")
        .setTargets(List.of(target))
        .build();
  }

  static EventHeader header(String id, String causation, int second) {
    return EventHeader.newBuilder(SampleEvents.of(EventHeader.class, second))
        .setEventId(id)
        .setCausationId(causation)
        .setOccurredAt(T0.plusSeconds(second))
        .build();
  }
}
