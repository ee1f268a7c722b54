package ai.ringrift.stages.host;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.RunStatus;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TriggerOutcome;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerLookupTest {
  @Test
  void aTriggerWithoutAnyRecordIsFresh() {
    assertThat(TriggerLookup.of(null, "t1").kind()).isEqualTo(TriggerLookup.Kind.FRESH);
  }

  @Test
  void theLatestRecordOfTheTriggerSaysWhereItStands() {
    assertThat(TriggerLookup.of(run("t1", RunStatus.STARTED, 1), "t1").kind())
        .isEqualTo(TriggerLookup.Kind.STARTED);
    TriggerLookup failed = TriggerLookup.of(run("t1", RunStatus.FAILED, 2), "t1");
    assertThat(failed.kind()).isEqualTo(TriggerLookup.Kind.FAILED);
    assertThat(failed.attempt()).isEqualTo(2);
    assertThat(TriggerLookup.of(run("t1", RunStatus.INTERRUPTED, 1), "t1").kind())
        .isEqualTo(TriggerLookup.Kind.INTERRUPTED);
    assertThat(TriggerLookup.of(run("t1", RunStatus.SUCCEEDED, 1), "t1").kind())
        .isEqualTo(TriggerLookup.Kind.FINISHED);
  }

  @Test
  void anEarlierTriggerRedeliveredAfterLaterOnesStartedIsStillFinished() {
    StageRun latest =
        StageRun.newBuilder(run("t2", RunStatus.STARTED, 1))
            .setRecentTriggers(List.of(outcome("t1", RunStatus.FAILED)))
            .build();

    TriggerLookup lookup = TriggerLookup.of(latest, "t1");

    assertThat(lookup.kind()).isEqualTo(TriggerLookup.Kind.FINISHED);
    assertThat(lookup.finished())
        .get()
        .extracting(TriggerOutcome::getStatus)
        .isEqualTo(RunStatus.FAILED);
    assertThat(TriggerLookup.of(latest, "t3").kind()).isEqualTo(TriggerLookup.Kind.FRESH);
  }

  @Test
  void rememberPutsTheNewestFirstDropsItsOlderEntryAndKeepsTheLimit() {
    List<TriggerOutcome> previous =
        List.of(
            outcome("t3", RunStatus.SUCCEEDED),
            outcome("t2", RunStatus.SUCCEEDED),
            outcome("t1", RunStatus.FAILED));

    List<TriggerOutcome> remembered =
        TriggerLookup.remember(previous, outcome("t2", RunStatus.FAILED), 2);

    assertThat(remembered)
        .extracting(TriggerOutcome::getTriggerEventId)
        .containsExactly("t2", "t3");
    assertThat(remembered.get(0).getStatus()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void theLastSuccessIsTheNewestSucceededOutcome() {
    StageRun latest =
        StageRun.newBuilder(run("t4", RunStatus.FAILED, 1))
            .setRecentTriggers(
                List.of(
                    outcome("t3", RunStatus.FAILED),
                    outcome("t2", RunStatus.SUCCEEDED),
                    outcome("t1", RunStatus.SUCCEEDED)))
            .build();

    assertThat(TriggerLookup.lastSuccess(latest))
        .get()
        .extracting(TriggerOutcome::getTriggerEventId)
        .isEqualTo("t2");
    assertThat(TriggerLookup.lastSuccess(null)).isEmpty();
  }

  private static StageRun run(String trigger, RunStatus status, int attempt) {
    return StageRun.newBuilder(
            SampleEvents.of(StageRun.class, ConfigKeys.parse("square8_2p"), attempt))
        .setTriggerEventId(trigger)
        .setStatus(status)
        .setAttempt(attempt)
        .setRecentTriggers(
            status == RunStatus.SUCCEEDED ? List.of(outcome(trigger, status)) : List.of())
        .build();
  }

  private static TriggerOutcome outcome(String trigger, RunStatus status) {
    return TriggerOutcome.newBuilder()
        .setTriggerEventId(trigger)
        .setStatus(status)
        .setAttempts(1)
        .setFinishedAt(Instant.parse("2026-03-11T10:00:00Z"))
        .build();
  }
}
