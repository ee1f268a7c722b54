package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.common.Decimals.of;

import ai.ringrift.events.HeadToHeadResult;

/** Judges a head-to-head match against the champion by the configured rule. */
final class HeadToHeadRule {
  static final String GATE = "head_to_head";

  private final PromotionConfig.HeadToHead config;

  HeadToHeadRule(PromotionConfig.HeadToHead config) {
    this.config = config;
  }

  /** The verdict on {@code match} against a champion of {@code championElo}. */
  GateResult judge(HeadToHeadResult match, double championElo) {
    return config.rule() == PromotionConfig.Rule.SPRT ? sprt(match) : threshold(match, championElo);
  }

  private GateResult threshold(HeadToHeadResult match, double championElo) {
    PromotionConfig.Threshold t = config.threshold();
    if (match.getGames() < t.games()) {
      return GateResult.fail(
          GATE,
          match.getGames(),
          t.games(),
          match.getGames() + " head-to-head games, " + t.games() + " needed");
    }
    double needed = t.winRateNeeded(championElo);
    String reason =
        "win rate "
            + of(match.getWinRate(), 3)
            + " over "
            + match.getGames()
            + " games against a champion of Elo "
            + of(championElo, 0)
            + ", "
            + of(needed, 3)
            + " needed";
    return match.getWinRate() >= needed
        ? GateResult.pass(GATE, match.getWinRate(), needed, reason)
        : GateResult.fail(GATE, match.getWinRate(), needed, reason);
  }

  private GateResult sprt(HeadToHeadResult match) {
    Sprt.Result r = Sprt.test(config.sprt(), match.getWins(), match.getLosses(), match.getDraws());
    String numbers =
        "SPRT LLR "
            + of(r.llr(), 3)
            + " in ["
            + of(r.lower(), 3)
            + ", "
            + of(r.upper(), 3)
            + "] after "
            + r.games()
            + " games (win rate "
            + of(r.winRate(), 3)
            + ")";
    return switch (r.verdict()) {
      case ACCEPT -> GateResult.pass(GATE, r.llr(), r.upper(), numbers + ": accepted");
      case REJECT ->
          r.games() >= config.sprt().maxGames() && r.llr() > r.lower()
              ? GateResult.fail(
                  GATE,
                  r.winRate(),
                  config.sprt().capPassWinRate(),
                  numbers + ": rejected at the cap")
              : GateResult.fail(GATE, r.llr(), r.lower(), numbers + ": rejected");
      case CONTINUE ->
          GateResult.fail(GATE, r.llr(), r.upper(), numbers + ": undecided, play more games");
    };
  }
}
