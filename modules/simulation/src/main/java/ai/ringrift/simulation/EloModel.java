package ai.ringrift.simulation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The Elo logistic model: a player rated {@code a} scores {@code 1 / (1 + 10^((b - a) / 400))}
 * against one rated {@code b}. Used to decide simulated games and to rate a candidate from its
 * results by maximum likelihood.
 */
public final class EloModel {
  private EloModel() {}

  /** One game's result for the first player. */
  public enum GameResult {
    WIN,
    DRAW,
    LOSS
  }

  /** A player's points from games against one opponent of a known rating. */
  public record Score(double opponentElo, int games, double points) {}

  /** The expected score of a player rated {@code a} against one rated {@code b}. */
  public static double expected(double a, double b) {
    return 1.0 / (1.0 + Math.pow(10.0, (b - a) / 400.0));
  }

  /**
   * Plays one game between true strengths {@code a} and {@code b}. Draws are likeliest between
   * equals ({@code drawRate · 4p(1-p)}) and taken evenly from wins and losses, so the expected
   * score is exactly {@link #expected}.
   */
  public static GameResult play(double a, double b, double drawRate, SplittableRandom random) {
    double p = expected(a, b);
    double draw = drawRate * 4 * p * (1 - p);
    double u = random.nextDouble();
    if (u < p - draw / 2) {
      return GameResult.WIN;
    }
    return u < p + draw / 2 ? GameResult.DRAW : GameResult.LOSS;
  }

  /**
   * The rating that makes {@code scores} most likely: the root of {@code Σ (points - games ·
   * expected(r, opponent))}, found by bisection. A player who won (or lost) everything has no
   * finite estimate; the search is bounded to 800 above the strongest (below the weakest) opponent,
   * a margin no gauntlet of a few hundred games can resolve anyway.
   */
  public static double fit(List<Score> scores) {
    double lo = scores.stream().mapToDouble(Score::opponentElo).min().orElse(0) - 800;
    double hi = scores.stream().mapToDouble(Score::opponentElo).max().orElse(0) + 800;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (surplus(scores, mid) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double surplus(List<Score> scores, double rating) {
    double sum = 0;
    for (Score s : scores) {
      sum += s.points() - s.games() * expected(rating, s.opponentElo());
    }
    return sum;
  }
}
