package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultValues;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated gauntlet: seeded Elo-logistic games against the baselines and the champion. */
class SimulatedEvaluatorTest {
  final SimulatedEvaluator evaluator = new SimulatedEvaluator(Simulations.settings());

  @TempDir Path dir;

  Path model(String id, double elo) throws Exception {
    Path file = dir.resolve(id + ".pth");
    new SimulatedModel(id, "square8_2p", elo, 1000, "").write(file, 0);
    return file;
  }

  ActionResult evaluate(String runId, Path candidate, String modelId, Path champion, int games) {
    Map<String, String> p =
        new HashMap<>(
            Map.of(
                "config",
                "square8_2p",
                "model_id",
                modelId,
                "candidate",
                candidate.toString(),
                "games_per_baseline",
                String.valueOf(games),
                "head_to_head_games",
                "200"));
    if (champion != null) {
      p.putAll(
          Map.of(
              "champion",
              champion.toString(),
              "champion_model_id",
              "champ",
              "champion_elo",
              "1500"));
    }
    return evaluator.run(ActionRequest.of(runId, p));
  }

  @Test
  void playsEveryBaselineAndRatesTheCandidateNearItsStrength() throws Exception {
    ActionResult result = evaluate("eval-1", model("cand", 1400), "cand", null, 50);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    ResultValues v = result.values();
    List<ResultValues> baselines = v.objects("baselines");
    assertThat(baselines)
        .extracting(b -> b.text("baseline"))
        .containsExactly(
            "RANDOM", "HEURISTIC", "MCTS_100", "MCTS_200", "MCTS_400", "MCTS_800", "MCTS_1600");
    for (ResultValues b : baselines) {
      assertThat(b.integer("games")).isEqualTo(50);
      assertThat(b.integer("wins") + b.integer("losses") + b.integer("draws")).isEqualTo(50);
    }
    assertThat(baselines.get(0).number("win_rate")).isGreaterThan(0.9);
    assertThat(baselines.get(6).number("win_rate")).isLessThan(0.3);
    assertThat(v.integer("games_played")).isEqualTo(350);
    assertThat(v.number("elo")).isCloseTo(1400, offset(120.0));
    assertThat(v.has("head_to_head")).isFalse();
  }

  @Test
  void playsTheChampionHeadToHead() throws Exception {
    ActionResult result = evaluate("eval-2", model("cand", 1600), "cand", model("champ", 1500), 50);

    ResultValues h2h = result.values().object("head_to_head");
    assertThat(h2h.text("champion_model_id")).isEqualTo("champ");
    assertThat(h2h.number("champion_elo")).isEqualTo(1500);
    assertThat(h2h.integer("games")).isEqualTo(200);
    // expected score 0.64 over 200 games: the seeded outcome lies well inside 0.5..0.8
    assertThat(h2h.number("win_rate")).isBetween(0.5, 0.8);
    assertThat(result.values().integer("games_played")).isEqualTo(550);
  }

  @Test
  void isSeededByRun() throws Exception {
    Path candidate = model("cand", 1200);

    assertThat(evaluate("eval-x", candidate, "cand", null, 30).values())
        .isEqualTo(evaluate("eval-x", candidate, "cand", null, 30).values())
        .isNotEqualTo(evaluate("eval-y", candidate, "cand", null, 30).values());
  }

  @Test
  void refusesACandidateFileOfAnotherModel() throws Exception {
    ActionResult result = evaluate("eval-3", model("other", 1200), "cand", null, 10);

    assertThat(result.failure()).contains(FailureKind.BAD_INPUT);
    assertThat(result.reason()).isEqualTo("candidate file holds model other, not cand");
  }

  @Test
  void eloModelRecoversARatingFromManyGames() {
    SplittableRandom random = new SplittableRandom(1);
    List<EloModel.Score> scores = new java.util.ArrayList<>();
    for (double opponent : new double[] {1000, 1400, 1800}) {
      double points = 0;
      for (int i = 0; i < 4000; i++) {
        points +=
            switch (EloModel.play(1500, opponent, 0.3, random)) {
              case WIN -> 1.0;
              case DRAW -> 0.5;
              case LOSS -> 0.0;
            };
      }
      scores.add(new EloModel.Score(opponent, 4000, points));
    }

    assertThat(EloModel.expected(1800, 1400)).isCloseTo(10 / 11.0, offset(1e-12));
    assertThat(EloModel.fit(scores)).isCloseTo(1500, offset(15.0));
  }
}
