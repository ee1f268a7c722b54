package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.ResultValues;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The simulated workload alone, driven by hand through a few iterations of the loop with a stand-in
 * gate (head-to-head ≥ 0.55): it must produce both promotions and rejections, and the champion must
 * get stronger. (The platform's real gates live in the promotion Streams app.)
 */
class SimulatedLoopTest {
  final SimulationSettings settings = Simulations.settings();

  @TempDir Path dir;

  @Test
  void producesPromotionsAndRejectionsAndAStrongerChampion() throws Exception {
    String games = dir.resolve("games").toString();
    String latest = "";
    String champion = null;
    double championElo = 0;
    int promotions = 0;
    int rejections = 0;
    for (int i = 1; i <= 12; i++) {
      run(
          new SimulatedSelfplay(settings),
          "selfplay-" + i,
          Map.of("games_dir", games, "games", "50"));
      String npz =
          run(
                  new SimulatedExport(),
                  "export-" + i,
                  Map.of("games", games, "npz", dir.resolve("npz/shard-" + i + ".npz").toString()))
              .text("npz_path");
      String model =
          run(
                  new SimulatedTrainer(settings),
                  "train-" + i,
                  Map.of(
                      "npz",
                      npz,
                      "model",
                      dir.resolve("models/m" + i + ".pth").toString(),
                      "model_id",
                      "m" + i,
                      "base_model",
                      latest,
                      "epochs",
                      "3"))
              .text("model_path");
      latest = model;
      Map<String, String> eval =
          new HashMap<>(
              Map.of(
                  "model_id",
                  "m" + i,
                  "candidate",
                  model,
                  "games_per_baseline",
                  "50",
                  "head_to_head_games",
                  "200"));
      if (champion != null) {
        eval.putAll(Map.of("champion", champion, "champion_elo", String.valueOf(championElo)));
      }
      ResultValues result = run(new SimulatedEvaluator(settings), "eval-" + i, eval);
      boolean better =
          champion == null
              ? result.objects("baselines").get(1).number("win_rate") >= 0.6
              : result.object("head_to_head").number("win_rate") >= 0.55;
      if (better) {
        promotions++;
        champion = model;
        championElo = result.number("elo");
      } else {
        rejections++;
      }
    }

    LoggerFactory.getLogger(SimulatedLoopTest.class)
        .info("promotions={} rejections={} champion={}", promotions, rejections, champion);
    assertThat(promotions).isGreaterThanOrEqualTo(2);
    assertThat(rejections).isGreaterThanOrEqualTo(1);
    assertThat(SimulatedModel.read(Path.of(champion)).hiddenElo()).isGreaterThan(1200);
  }

  private static ResultValues run(
      ai.ringrift.stages.action.Action action, String runId, Map<String, String> parameters)
      throws InterruptedException {
    Map<String, String> p = new HashMap<>(parameters);
    p.put("config", "square8_2p");
    ActionResult result = action.run(ActionRequest.of(runId, p));
    assertThat(result.succeeded()).as(runId + ": " + result.describe()).isTrue();
    return result.values();
  }
}
