package ai.ringrift.stages.evaluation;

import ai.ringrift.config.Check;
import ai.ringrift.stages.action.ActionSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation stage (section {@code evaluation} of {@code config/stages.yaml}).
 *
 * @param action what plays the gauntlet (a command, or the simulated evaluator)
 * @param gamesPerBaseline games against each baseline by player count; at least what promotion gate
 *     2 requires (50 / 70 / 100), or every candidate is rejected for too few games
 * @param headToHeadGames games against the current champion (the original's 200)
 */
public record EvaluationConfig(
    ActionSpec action, Map<Integer, Integer> gamesPerBaseline, int headToHeadGames) {
  public EvaluationConfig {
    Check.present("action", action);
    Map<Integer, Integer> games = new TreeMap<>(Check.map(gamesPerBaseline));
    for (int players = 2; players <= 4; players++) {
      Integer value = games.get(players);
      Check.that(
          value != null,
          "gamesPerBaseline." + players,
          "is required (one value per player count 2, 3, 4)");
      Check.atLeast("gamesPerBaseline." + players, value, 1);
    }
    gamesPerBaseline = Map.copyOf(games);
    Check.atLeast("headToHeadGames", headToHeadGames, 0);
  }

  /** A copy that runs {@code changed} (the simulated cluster runs the simulated workload). */
  public EvaluationConfig withAction(ActionSpec changed) {
    return new EvaluationConfig(changed, gamesPerBaseline, headToHeadGames);
  }
}
