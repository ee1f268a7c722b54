package ai.ringrift.dashboard.view;

import static ai.ringrift.dashboard.LoopEvents.T0;
import static ai.ringrift.dashboard.LoopEvents.evaluated;
import static ai.ringrift.dashboard.LoopEvents.promoted;
import static ai.ringrift.dashboard.LoopEvents.recorded;
import static ai.ringrift.dashboard.LoopEvents.rejected;
import static ai.ringrift.dashboard.LoopEvents.rolledBack;
import static ai.ringrift.dashboard.LoopEvents.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.streams.promotion.PromotionConfig;
import ai.ringrift.testkit.SampleEvents;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class LoopViewTest {
  final LoopView view =
      new LoopView(
          new LoopView.Limits(100, 1000, 1000, 10, 10),
          PromotionConfig.load(ConfigSource.packaged()).headToHead(),
          Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));

  void read(SpecificRecord... events) {
    for (SpecificRecord e : events) {
      view.record(TopicKind.EVENT, recorded(e));
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> strengthOf(String config) {
    return (Map<String, Object>)
        ((Map<String, Object>) view.section("strength").get("configs")).get(config);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> stageRow(String key) {
    return ((Map<String, Map<String, Object>>) view.section("stages").get("rows")).get(key);
  }

  @Test
  @SuppressWarnings("unchecked")
  void plotsPromotionsRejectionsAndRollbacksWithTheProductionEloThatFollows() {
    // the decisions arrive before the evaluations they decide on: topics are read side by side
    read(
        promoted("p1", "t1", "e1", "m-1", 1600, 20),
        rejected("r2", "t2", "e2", "m-2", "cooldown", 40),
        promoted("p3", "t3", "e3", "m-3", 1700, 60),
        rolledBack("b4", "m-3", "m-1", 80),
        evaluated("e1", "t1", "c1", "m-1", 1600, 19),
        evaluated("e2", "t2", "c2", "m-2", 1650, 39),
        evaluated("e3", "t3", "c3", "m-3", 1700, 59));

    List<EloTimeline.Point> points =
        (List<EloTimeline.Point>) strengthOf("square8_2p").get("points");
    List<EloTimeline.Point> production =
        (List<EloTimeline.Point>) strengthOf("square8_2p").get("production");

    assertThat(points)
        .extracting(
            EloTimeline.Point::kind,
            EloTimeline.Point::model,
            EloTimeline.Point::elo,
            EloTimeline.Point::gate)
        .containsExactly(
            tuple("promoted", "m-1", 1600.0, null),
            tuple("rejected", "m-2", 1650.0, "cooldown"),
            tuple("promoted", "m-3", 1700.0, null),
            tuple("rolled_back", "m-1", 1600.0, null));
    assertThat(points.get(1).actual()).isEqualTo(12.5);
    assertThat(points.get(1).threshold()).isEqualTo(60.0);
    assertThat(points.get(3).from()).isEqualTo("m-3");
    assertThat(production)
        .extracting(EloTimeline.Point::at, EloTimeline.Point::elo)
        .containsExactly(
            tuple(T0.plusSeconds(20).toEpochMilli(), 1600.0),
            tuple(T0.plusSeconds(60).toEpochMilli(), 1700.0),
            tuple(T0.plusSeconds(80).toEpochMilli(), 1600.0));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRedeliveredCopyCountsOnceInEloPointsAndRunCounts() {
    for (int copy = 0; copy < 3; copy++) {
      read(
          evaluated("e1", "t1", "c1", "m-1", 1600, 19),
          promoted("p1", "t1", "e1", "m-1", 1600, 20),
          run("s1", Stage.EXPORT, "x1", RunStatus.STARTED, 1, 30),
          run("s2", Stage.EXPORT, "x1", RunStatus.FAILED, 1, 32),
          run("s3", Stage.EXPORT, "x1", RunStatus.STARTED, 2, 33),
          run("s4", Stage.EXPORT, "x1", RunStatus.SUCCEEDED, 2, 38));
    }

    assertThat((List<?>) strengthOf("square8_2p").get("points")).hasSize(1);
    Map<String, Object> row = stageRow("export/square8_2p");
    assertThat(row)
        .containsEntry("started", 2L)
        .containsEntry("failed", 1L)
        .containsEntry("succeeded", 1L)
        .containsEntry("retries", 1L)
        .containsEntry("meanMillis", 3500L)
        .containsEntry("maxMillis", 5000L)
        .containsEntry("lastMillis", 5000L)
        .containsEntry("lastError", "boom")
        .containsEntry("current", null);
    assertThat(view.section("overview")).containsEntry("duplicatesSkipped", 12L);
  }

  @Test
  void theRunningAttemptIsShownUntilItFinishes() {
    read(run("s1", Stage.TRAINING, "x1", RunStatus.STARTED, 1, 30));

    assertThat(stageRow("training/square8_2p").get("current"))
        .isEqualTo(
            new StageRunStats.Current("x1", 1, T0.plusSeconds(30).toEpochMilli(), "instance-1"));
  }

  @Test
  void aDeadLetterDeliveredTwiceCountsOnce() {
    view.deadLetterTopic("ringrift.export.completed.dlq");
    DeadLetter letter = letter(5, "ringrift.export.completed", "17");
    view.deadLetter(letter);
    view.deadLetter(letter(6, "ringrift.export.completed", "17")); // same failure, written again
    view.deadLetter(letter(7, "ringrift.export.completed", "18"));

    assertThat(deadLetterCount("ringrift.export.completed.dlq")).isEqualTo(2L);
    assertThat(view.deadLetters("ringrift.export.completed.dlq"))
        .extracting(DeadLetter::offset)
        .containsExactly(7L, 5L);
    assertThat(view.deadLetters("ringrift.no-such.dlq")).isNull();
  }

  @Test
  void theNewerOfTheStateTopicAndTheStatusViewWinsInTheBreakerGrid() {
    view.record(TopicKind.STATE, recordedState(breaker(CircuitStatus.OPEN, 100)));
    view.streamsView(
        "http://streams:8080",
        "circuits",
        Map.of(
            "app",
            "circuit-breakers",
            "state",
            "RUNNING",
            "available",
            true,
            "circuits",
            Map.of(
                "square8_2p/training",
                Map.of(
                    "status",
                    "CLOSED",
                    "updated_at",
                    T0.plusSeconds(50).toString(),
                    "consecutive_failures",
                    0,
                    "opens",
                    1))),
        null);

    assertThat(cell("square8_2p/training").status()).as("older view ignored").isEqualTo("OPEN");
    assertThat(cell("square8_2p/training").retryAt()).isEqualTo(T0.plusSeconds(400).toEpochMilli());

    view.streamsView(
        "http://streams:8080",
        "circuits",
        Map.of(
            "app",
            "circuit-breakers",
            "state",
            "RUNNING",
            "available",
            true,
            "circuits",
            Map.of(
                "square8_2p/training",
                Map.of(
                    "status",
                    "HALF_OPEN",
                    "updated_at",
                    T0.plusSeconds(500).toString(),
                    "consecutive_failures",
                    3,
                    "opens",
                    1,
                    "probe_in_flight",
                    true))),
        null);

    assertThat(cell("square8_2p/training").status()).isEqualTo("HALF_OPEN");
    assertThat(cell("square8_2p/training").probeInFlight()).isTrue();
  }

  @Test
  void changedSectionsAreReportedOnceUntilTheyChangeAgain() {
    view.takeDirty();
    read(run("s1", Stage.TRAINING, "x1", RunStatus.STARTED, 1, 30));

    assertThat(view.takeDirty()).containsExactly("stages");
    assertThat(view.takeDirty()).isEmpty();
    assertThat(view.tailAfter(0)).extracting(TailEntry::eventId).containsExactly("s1");
  }

  private DeadLetter letter(long offset, String from, String fromOffset) {
    return new DeadLetter(
        "ringrift.export.completed.dlq",
        0,
        offset,
        T0.toEpochMilli(),
        "square8_2p",
        Map.of(
            "ringrift.dlq.original-topic",
            from,
            "ringrift.dlq.original-partition",
            "2",
            "ringrift.dlq.original-offset",
            fromOffset,
            "ringrift.dlq.subscriber",
            "ringrift.stage.training"),
        List.of(),
        "(3 bytes that are not a NpzExportCompleted)");
  }

  @SuppressWarnings("unchecked")
  private long deadLetterCount(String dlq) {
    Map<String, Map<String, Object>> letters =
        (Map<String, Map<String, Object>>) view.section("kafka").get("deadLetters");
    return (Long) letters.get(dlq).get("count");
  }

  @SuppressWarnings("unchecked")
  private BreakerGrid.Cell cell(String key) {
    return ((Map<String, BreakerGrid.Cell>) view.section("breakers").get("cells")).get(key);
  }

  private static CircuitState breaker(CircuitStatus status, int second) {
    return CircuitState.newBuilder(SampleEvents.of(CircuitState.class, 1))
        .setStage(Stage.TRAINING)
        .setStatus(status)
        .setUpdatedAt(T0.plusSeconds(second))
        .setRetryAt(T0.plusSeconds(second + 300))
        .build();
  }

  private static RecordedEvent<SpecificRecord> recordedState(CircuitState state) {
    return new RecordedEvent<>("ringrift.state.circuits", 0, 0, T0, "square8_2p/training", state);
  }
}
