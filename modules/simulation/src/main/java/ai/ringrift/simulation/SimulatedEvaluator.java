package ai.ringrift.simulation;

import ai.ringrift.simulation.EloModel.GameResult;
import ai.ringrift.simulation.SimulationSettings.Baseline;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated gauntlet: plays seeded games between the candidate's hidden strength and each baseline
 * (and the champion's hidden strength, head to head) under the Elo logistic model, then rates the
 * candidate by maximum likelihood from what it scored. The measured Elo is noisy like a real
 * gauntlet's: a weak candidate can get lucky and a promoted model can later prove weaker.
 *
 * <p>Parameters: {@code config}, {@code model_id}, {@code candidate} (model file), {@code
 * games_per_baseline}, {@code head_to_head_games}, and when there is a champion: {@code champion}
 * (its model file), {@code champion_model_id}, {@code champion_elo} (its rating). Result: {@code
 * model_id}, {@code model_path}, {@code elo}, {@code games_played}, {@code win_rate}, {@code
 * baselines} [{@code baseline, baseline_elo, games, wins, losses, draws, win_rate}], and {@code
 * head_to_head} {@code {champion_model_id, champion_elo, games, wins, losses, draws, win_rate}}.
 */
public final class SimulatedEvaluator implements Action {
  private final long seed;
  private final SimulationSettings.EvaluatorSettings settings;

  public SimulatedEvaluator(SimulationSettings settings) {
    this.seed = settings.seed();
    this.settings = settings.evaluator();
  }

  /** Games against one opponent. */
  private record Tally(int games, int wins, int losses, int draws) {
    double points() {
      return wins + draws / 2.0;
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("games", games);
      map.put("wins", wins);
      map.put("losses", losses);
      map.put("draws", draws);
      map.put("win_rate", games == 0 ? 0.0 : points() / games);
      return map;
    }
  }

  @Override
  public ActionResult run(ActionRequest request) {
    long started = System.nanoTime();
    SimulatedModel candidate;
    SimulatedModel champion = null;
    try {
      candidate = SimulatedModel.read(Path.of(request.require("candidate")));
      String championPath = request.optional("champion", "");
      if (!championPath.isEmpty()) {
        champion = SimulatedModel.read(Path.of(championPath));
      }
    } catch (IllegalArgumentException e) {
      return ActionResult.failed(FailureKind.BAD_INPUT, e.getMessage(), since(started));
    } catch (IOException e) {
      return ActionResult.failed(FailureKind.BAD_INPUT, "cannot read model: " + e, since(started));
    }
    if (!candidate.modelId().equals(request.require("model_id"))) {
      return ActionResult.failed(
          FailureKind.BAD_INPUT,
          "candidate file holds model "
              + candidate.modelId()
              + ", not "
              + request.require("model_id"),
          since(started));
    }
    SplittableRandom random = Seeds.random(seed, request.require("config"), request.runId());
    return ActionResult.succeeded(gauntlet(request, candidate, champion, random), since(started));
  }

  private ResultValues gauntlet(
      ActionRequest request,
      SimulatedModel candidate,
      SimulatedModel champion,
      SplittableRandom random) {
    int perBaseline = request.requireInt("games_per_baseline");
    List<EloModel.Score> scores = new ArrayList<>();
    List<Map<String, Object>> baselines = new ArrayList<>();
    int games = 0;
    double points = 0;
    for (Baseline baseline : settings.baselines()) {
      Tally t = play(candidate.hiddenElo(), baseline.elo(), perBaseline, random);
      scores.add(new EloModel.Score(baseline.elo(), t.games(), t.points()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("baseline", baseline.name());
      row.put("baseline_elo", baseline.elo());
      row.putAll(t.toMap());
      baselines.add(row);
      games += t.games();
      points += t.points();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    if (champion != null) {
      double championElo = request.requireDouble("champion_elo");
      Tally t =
          play(
              candidate.hiddenElo(),
              champion.hiddenElo(),
              request.requireInt("head_to_head_games"),
              random);
      scores.add(new EloModel.Score(championElo, t.games(), t.points()));
      Map<String, Object> h2h = new LinkedHashMap<>();
      h2h.put("champion_model_id", request.optional("champion_model_id", champion.modelId()));
      h2h.put("champion_elo", championElo);
      h2h.putAll(t.toMap());
      result.put("head_to_head", h2h);
      games += t.games();
      points += t.points();
    }
    result.put("model_id", candidate.modelId());
    result.put("model_path", request.require("candidate"));
    result.put("elo", EloModel.fit(scores));
    result.put("games_played", games);
    result.put("win_rate", games == 0 ? 0.0 : points / games);
    result.put("baselines", baselines);
    return ResultValues.of(result);
  }

  private Tally play(double strength, double opponent, int games, SplittableRandom random) {
    int wins = 0;
    int losses = 0;
    int draws = 0;
    for (int i = 0; i < games; i++) {
      GameResult outcome = EloModel.play(strength, opponent, settings.drawRate(), random);
      switch (outcome) {
        case WIN -> wins++;
        case LOSS -> losses++;
        case DRAW -> draws++;
      }
    }
    return new Tally(games, wins, losses, draws);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
