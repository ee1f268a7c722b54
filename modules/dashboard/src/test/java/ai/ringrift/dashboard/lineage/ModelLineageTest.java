package ai.ringrift.dashboard.lineage;

import static ai.ringrift.dashboard.LoopEvents.batch;
import static ai.ringrift.dashboard.LoopEvents.evaluated;
import static ai.ringrift.dashboard.LoopEvents.export;
import static ai.ringrift.dashboard.LoopEvents.promoted;
import static ai.ringrift.dashboard.LoopEvents.recorded;
import static ai.ringrift.dashboard.LoopEvents.rejected;
import static ai.ringrift.dashboard.LoopEvents.run;
import static ai.ringrift.dashboard.LoopEvents.signal;
import static ai.ringrift.dashboard.LoopEvents.started;
import static ai.ringrift.dashboard.LoopEvents.sync;
import static ai.ringrift.dashboard.LoopEvents.trained;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ModelLineageTest {
  /**
   * One pass as the loop makes it: a selfplay batch starts trace b1 (synced to two hosts,
   * exported), a training signal starts trace g1, the training reads the export's file, then
   * evaluation and promotion react to it. Plus another model's events and a stage run, which are
   * not its lineage.
   */
  static List<RecordedEvent<SpecificRecord>> pass() {
    List<SpecificRecord> events =
        List.of(
            batch("b1", 1),
            sync("s1", "b1", "b1", 2),
            sync("s2", "b1", "b1", 2),
            export("x1", "b1", "s1", "/npz/1.npz", 3),
            batch("b2", 3),
            signal("g1", "g1", 4),
            started("ts", "g1", "g1", "job-1", "/npz/1.npz", 5),
            trained("tc", "g1", "g1", "job-1", "m-1", 6),
            run("r1", Stage.TRAINING, "g1", RunStatus.SUCCEEDED, 1, 6),
            evaluated("ev", "g1", "tc", "m-1", 1600, 7),
            promoted("pr", "g1", "ev", "m-1", 1600, 8),
            trained("tc2", "g2", "g2", "job-2", "m-2", 9),
            evaluated("ev2", "g2", "tc2", "m-2", 1590, 10),
            rejected("rj2", "g2", "ev2", "m-2", "elo_gain", 11));
    List<RecordedEvent<SpecificRecord>> recorded = new ArrayList<>();
    events.forEach(e -> recorded.add(recorded(e)));
    return recorded;
  }

  @Test
  void chainsTheBatchSyncExportTrainingEvaluationAndPromotionByCausationAndDataPath() {
    Lineage lineage = ModelLineage.of("m-1", pass());

    assertThat(lineage.config()).isEqualTo("square8_2p");
    assertThat(lineage.outcome()).isEqualTo("promoted");
    assertThat(lineage.steps())
        .extracting(Lineage.Step::eventId, Lineage.Step::stage, Lineage.Step::via)
        .containsExactly(
            tuple("b1", "selfplay", "cause of DataSyncCompleted"),
            tuple("s1", "sync", "cause of NpzExportCompleted"),
            tuple("x1", "export", "data of TrainingStarted (data_path)"),
            tuple("g1", "signal", "cause of TrainingStarted"),
            tuple("ts", "training", "same job_id as TrainingCompleted"),
            tuple("tc", "training", "wrote the model (model_id)"),
            tuple("ev", "evaluation", "evaluates TrainingCompleted (training_event_id)"),
            tuple("pr", "promotion", "decides on EvaluationCompleted (evaluation_event_id)"));
    assertThat(lineage.sameTrace()).extracting(Lineage.Step::eventId).containsExactly("s2");
  }

  @Test
  void aRedeliveredCopyAndTheArrivalOrderChangeNothing() {
    List<RecordedEvent<SpecificRecord>> shuffled = new ArrayList<>(pass());
    shuffled.addAll(pass()); // every event twice, as after a redelivery
    Collections.reverse(shuffled);

    assertThat(ModelLineage.of("m-1", shuffled)).isEqualTo(ModelLineage.of("m-1", pass()));
  }

  @Test
  void aRejectedModelEndsWithItsRejection() {
    Lineage lineage = ModelLineage.of("m-2", pass());

    assertThat(lineage.outcome()).isEqualTo("rejected by elo_gain");
    assertThat(lineage.steps())
        .extracting(Lineage.Step::eventId)
        .containsExactly("tc2", "ev2", "rj2");
  }

  @Test
  void aModelNoEventNamesIsAnErrorThatSaysWhereToLook() {
    assertThatThrownBy(() -> ModelLineage.of("m-404", pass()))
        .isInstanceOf(UnknownModelException.class)
        .hasMessage(
            "no event names model m-404; `ringrift models list` shows the models of every config");
  }
}
