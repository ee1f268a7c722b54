package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.npz.NpyArrayWriter;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpyType;
import ai.ringrift.stages.npz.NpzWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated training: strength grows with data, some runs regress, progress is reported. */
class SimulatedTrainerTest {
  @TempDir Path dir;

  SimulationSettings.TrainerSettings trainer(double regressionProbability, double noise) {
    return new SimulationSettings.TrainerSettings(
        700, 2300, 0.25, 5000, noise, regressionProbability, 30, 150, 1024, 0);
  }

  ActionResult train(
      SimulatedTrainer trainer, String runId, Path npz, String base, List<Progress> progress)
      throws InterruptedException {
    Map<String, String> p =
        new HashMap<>(
            Map.of(
                "config",
                "square8_2p",
                "npz",
                npz.toString(),
                "model",
                dir.resolve(runId + ".pth").toString(),
                "model_id",
                "m-" + runId,
                "epochs",
                "5"));
    p.put("base_model", base);
    return trainer.run(new ActionRequest(runId, p, progress::add));
  }

  Path shard(long samples) throws IOException {
    Path npz = dir.resolve("shard-" + samples + ".npz");
    try (OutputStream out = Files.newOutputStream(npz);
        NpzWriter writer = new NpzWriter(out);
        NpyArrayWriter values = writer.array("values", NpyHeader.of(NpyType.FLOAT32, samples))) {
      for (long i = 0; i < samples; i++) {
        values.putFloat(1f);
      }
    }
    return npz;
  }

  double elo(ActionResult result) throws IOException {
    return SimulatedModel.read(Path.of(result.values().text("model_path"))).hiddenElo();
  }

  @Test
  void writesAModelStrongerThanItsBaseAndMoreSoWithMoreData() throws Exception {
    SimulatedTrainer trainer = new SimulatedTrainer(Simulations.withTrainer(trainer(0, 0)));

    double small = elo(train(trainer, "r1", shard(1_000), "", new ArrayList<>()));
    double large = elo(train(trainer, "r2", shard(20_000), "", new ArrayList<>()));

    assertThat(small).isGreaterThan(700);
    assertThat(large).isGreaterThan(small);
    assertThat(large)
        .isCloseTo(
            700 + 1600 * 0.25 * 20_000 / 25_000.0, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void continuesFromItsBaseModelAndRecordsIt() throws Exception {
    SimulatedTrainer trainer = new SimulatedTrainer(Simulations.withTrainer(trainer(0, 0)));
    Path npz = shard(5_000);
    ActionResult first = train(trainer, "r1", npz, "", new ArrayList<>());

    ActionResult second =
        train(trainer, "r2", npz, first.values().text("model_path"), new ArrayList<>());

    assertThat(elo(second)).isGreaterThan(elo(first));
    SimulatedModel model = SimulatedModel.read(Path.of(second.values().text("model_path")));
    assertThat(model.parentModelId()).isEqualTo("m-r1");
    assertThat(model.samplesTrained()).isEqualTo(5_000);
    assertThat(Files.size(Path.of(second.values().text("model_path")))).isGreaterThan(1024);
  }

  @Test
  void sometimesRegressesAtTheConfiguredRate() throws Exception {
    SimulatedTrainer trainer = new SimulatedTrainer(Simulations.withTrainer(trainer(0.15, 20)));
    Path npz = shard(5_000);
    int regressed = 0;
    for (int i = 0; i < 200; i++) {
      ActionResult r = train(trainer, "run-" + i, npz, "", new ArrayList<>());
      if (elo(r) < 700) {
        regressed++;
        assertThat(r.values().toJson()).contains("\"regressed\":true");
      }
    }
    // seeded: the same every run; 15 % of 200 is 30, the binomial spread about 5
    assertThat(regressed).isBetween(15, 45);
  }

  @Test
  void reportsAFallingLossEveryEpoch() throws Exception {
    List<Progress> progress = new ArrayList<>();
    ActionResult result =
        train(new SimulatedTrainer(Simulations.settings()), "r1", shard(100), "", progress);

    assertThat(progress).extracting(Progress::epoch).containsExactly(1, 2, 3, 4, 5);
    assertThat(progress).extracting(Progress::totalEpochs).containsOnly(5);
    assertThat(progress.get(4).loss()).isLessThan(progress.get(0).loss());
    assertThat(result.values().number("final_loss")).isEqualTo(progress.get(4).loss());
    assertThat(result.values().integer("samples_trained")).isEqualTo(100);
  }

  @Test
  void failsOnAShardThatIsNotAnNpz() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.npz"), "not a zip");

    ActionResult result =
        train(new SimulatedTrainer(Simulations.settings()), "r1", bad, "", new ArrayList<>());

    assertThat(result.failure()).contains(FailureKind.BAD_INPUT);
    assertThat(result.reason()).contains("is not an NPZ archive");
  }
}
