package ai.ringrift.streams.promotion;

/**
 * Leela Zero's sequential probability ratio test of a head-to-head match: H0 "the candidate is elo0
 * stronger" against H1 "elo1 stronger", on the log-likelihood ratio of the wins and losses (a draw
 * counts half each). Accepting needs more than {@code minGamesToPass} games; at {@code maxGames}
 * the match is decided by {@code capPassWinRate}.
 */
public final class Sprt {
  private Sprt() {}

  /** The test's answer. */
  public enum Verdict {
    ACCEPT,
    REJECT,
    CONTINUE
  }

  /**
   * The outcome.
   *
   * @param verdict accept (promote), reject, or play on
   * @param llr the log-likelihood ratio
   * @param lower the reject bound, ln(beta / (1 - alpha))
   * @param upper the accept bound, ln((1 - beta) / alpha)
   * @param games games played
   * @param winRate (wins + draws / 2) / games
   */
  public record Result(
      Verdict verdict, double llr, double lower, double upper, int games, double winRate) {}

  /** Tests a match of {@code wins}, {@code losses} and {@code draws}. */
  public static Result test(PromotionConfig.Sprt config, int wins, int losses, int draws) {
    double p0 = expectedScore(config.elo0());
    double p1 = expectedScore(config.elo1());
    double w = wins + draws / 2.0;
    double l = losses + draws / 2.0;
    double llr = w * Math.log(p1 / p0) + l * Math.log((1 - p1) / (1 - p0));
    double lower = Math.log(config.beta() / (1 - config.alpha()));
    double upper = Math.log((1 - config.beta()) / config.alpha());
    int games = wins + losses + draws;
    double winRate = games == 0 ? 0.0 : w / games;
    Verdict verdict;
    if (llr >= upper && games > config.minGamesToPass()) {
      verdict = Verdict.ACCEPT;
    } else if (llr <= lower) {
      verdict = Verdict.REJECT;
    } else if (games >= config.maxGames()) {
      verdict = winRate >= config.capPassWinRate() ? Verdict.ACCEPT : Verdict.REJECT;
    } else {
      verdict = Verdict.CONTINUE;
    }
    return new Result(verdict, llr, lower, upper, games, winRate);
  }

  /** The expected score of a player {@code eloDifference} stronger (the logistic Elo model). */
  static double expectedScore(double eloDifference) {
    return 1.0 / (1.0 + Math.pow(10.0, -eloDifference / 400.0));
  }
}
