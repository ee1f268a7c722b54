package ai.ringrift.simulation.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.simulation.SimulatedModel;
import ai.ringrift.simulation.SimulatedSelfplay;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.action.command.CommandAction;
import ai.ringrift.stages.evaluation.EvaluationAction;
import ai.ringrift.stages.export.ExportAction;
import ai.ringrift.stages.export.NpzSummary;
import ai.ringrift.stages.export.NpzValidator;
import ai.ringrift.stages.training.TrainingAction;
import ai.ringrift.testkit.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference actions of actions/ (Python 3 with numpy, Debian's /usr/bin/python3) run as the
 * compose cluster runs them: the templates of docker/cluster/cluster.yaml through the platform's
 * command runner, their output read by the stages' own code (the export's validator, the training
 * result, the gauntlet's EvaluationCompleted), and their model files read by the Java side.
 */
class ReferenceActionsTest {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  static final String PYTHON = "/usr/bin/python3";
  static StageSettings cluster;
  static SimulationSettings simulation;

  @TempDir Path dir;

  @BeforeAll
  static void clusterConfig() {
    ConfigSource config =
        ConfigSource.directory(ROOT.resolve("config"))
            .withOverrideFiles(ROOT.resolve("docker/cluster/cluster.yaml").toString());
    cluster = StageSettings.load(config);
    simulation = SimulationSettings.load(config);
  }

  /** The cluster's command with this checkout's actions and Debian's python3. */
  CommandSpec local(CommandSpec spec) {
    return new CommandSpec(
        spec.template().replace("python3 /app/actions/", PYTHON + " " + ROOT + "/actions/"),
        120,
        null,
        spec.environment(),
        dir.resolve("logs").toString(),
        spec.progressPattern(),
        2);
  }

  @Test
  void exportTrainAndGauntletFollowTheCommandProtocol() throws Exception {
    Path games = dir.resolve("games/square8_2p/selfplay-1");
    Files.createDirectories(games);
    SimulatedSelfplay selfplay = new SimulatedSelfplay(simulation);
    for (int batch = 0; batch < 4; batch++) {
      ActionResult played =
          selfplay.run(
              ActionRequest.of(
                  "batch-" + batch,
                  Map.of("config", "square8_2p", "games_dir", games.toString(), "games", "30")));
      assertThat(played.succeeded()).as(played.describe()).isTrue();
    }

    Path npz = dir.resolve("npz/square8_2p/export-1.npz");
    ActionResult exported =
        CommandAction.create(
                "export.action.command",
                local(cluster.export().action().command()),
                ExportAction.PLACEHOLDERS)
            .run(
                ActionRequest.of(
                    "export-1",
                    Map.of(
                        "config", "square8_2p",
                        "games", dir.resolve("games/square8_2p").toString(),
                        "npz", npz.toString(),
                        "window_games", "0",
                        "run_id", "export-1")));
    assertThat(exported.succeeded()).as(exported.describe()).isTrue();
    assertThat(exported.values().integer("games_used")).isEqualTo(120);
    NpzSummary summary = new NpzValidator(cluster.export().validation()).validate(npz);
    assertThat(summary.samples()).isEqualTo(exported.values().integer("total_samples"));

    ActionResult first = train(npz, "model-1", "");
    ActionResult second = train(npz, "model-2", first.values().text("model_path"));
    SimulatedModel parent = SimulatedModel.read(Path.of(first.values().text("model_path")));
    SimulatedModel child = SimulatedModel.read(Path.of(second.values().text("model_path")));
    assertThat(parent.modelId()).isEqualTo("model-1");
    assertThat(child.parentModelId()).isEqualTo("model-1");
    assertThat(child.samplesTrained()).isEqualTo(summary.samples());

    Map<String, String> gauntlet = new HashMap<>();
    gauntlet.put("config", "square8_2p");
    gauntlet.put("model_id", "model-2");
    gauntlet.put("candidate", second.values().text("model_path"));
    gauntlet.put("champion", first.values().text("model_path"));
    gauntlet.put("champion_model_id", "model-1");
    gauntlet.put("champion_elo", "1600.0");
    gauntlet.put("games_per_baseline", "50");
    gauntlet.put("head_to_head_games", "200");
    gauntlet.put("run_id", "evaluation-1");
    ActionResult played =
        CommandAction.create(
                "evaluation.action.command",
                local(cluster.evaluation().action().command()),
                EvaluationAction.PLACEHOLDERS)
            .run(ActionRequest.of("evaluation-1", gauntlet));
    assertThat(played.succeeded()).as(played.describe()).isTrue();
    TrainingCompleted trained =
        TrainingCompleted.newBuilder(SampleEvents.of(TrainingCompleted.class, 1))
            .setModelId("model-2")
            .setModelPath(second.values().text("model_path"))
            .build();
    EvaluationCompleted evaluation =
        new EvaluationAction(cluster.evaluation())
            .completed(SampleEvents.of(EventHeader.class, 1), trained, played.values());
    assertThat(evaluation.getBaselines()).hasSize(7);
    assertThat(evaluation.getBaselines().get(0).getBaseline()).isEqualTo("RANDOM");
    assertThat(evaluation.getGamesPlayed()).isEqualTo(7 * 50 + 200);
    assertThat(evaluation.getHeadToHead().getChampionModelId()).isEqualTo("model-1");
  }

  @Test
  void aTrainingWithoutItsShardFailsWithTheLastLineAsReason() throws Exception {
    Path npz = dir.resolve("missing.npz");
    ActionResult failed = train(npz, "model-x", "", false);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failure()).contains(FailureKind.NON_ZERO_EXIT);
    assertThat(failed.reason()).contains("cannot read the shard").contains("missing.npz");
  }

  ActionResult train(Path npz, String modelId, String base) throws InterruptedException {
    return train(npz, modelId, base, true);
  }

  ActionResult train(Path npz, String modelId, String base, boolean succeeds)
      throws InterruptedException {
    List<Progress> progress = new CopyOnWriteArrayList<>();
    Map<String, String> values = new HashMap<>();
    values.put("config", "square8_2p");
    values.put("npz", npz.toString());
    values.put("model", dir.resolve("models/square8_2p/" + modelId + ".pth").toString());
    values.put("model_id", modelId);
    values.put("base_model", base);
    values.put("epochs", "3");
    values.put("batch_size", "256");
    values.put("run_id", "training-" + modelId);
    ActionResult result =
        CommandAction.create(
                "training.action.command",
                local(cluster.training().action().command()),
                TrainingAction.PLACEHOLDERS)
            .run(new ActionRequest("training-" + modelId, values, progress::add));
    if (succeeds) {
      assertThat(result.succeeded()).as(result.describe()).isTrue();
      assertThat(result.values().integer("epochs")).isEqualTo(3);
      assertThat(progress).extracting(Progress::epoch).containsExactly(1, 2, 3);
      assertThat(progress).allSatisfy(p -> assertThat(p.totalEpochs()).isEqualTo(3));
    }
    return result;
  }
}
