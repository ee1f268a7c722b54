package ai.ringrift.streams.promotion;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelVersion;
import java.util.Locale;
import java.util.Optional;

/**
 * The production model is rolled back when a re-evaluation with enough games finds its Elo fallen
 * at least {@code eloDrop} or its win rate at least {@code winRateDrop} below its values at
 * promotion.
 */
final class RollbackRule {
  private final PromotionConfig.Rollback config;

  RollbackRule(PromotionConfig.Rollback config) {
    this.config = config;
  }

  /** Why {@code production} must go, judging by {@code e}; empty when it stays. */
  Optional<String> reason(ModelVersion production, EvaluationCompleted e) {
    if (e.getGamesPlayed() < config.minGames()) {
      return Optional.empty();
    }
    if (production.getPromotedElo() != null
        && production.getPromotedElo() - e.getElo() >= config.eloDrop()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "Elo fell %.1f (from %.1f to %.1f), rollback at %.1f",
              production.getPromotedElo() - e.getElo(),
              production.getPromotedElo(),
              e.getElo(),
              config.eloDrop()));
    }
    if (production.getPromotedWinRate() != null
        && production.getPromotedWinRate() - e.getWinRate() >= config.winRateDrop() - 1e-9) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "win rate fell %.3f (from %.3f to %.3f), rollback at %.3f",
              production.getPromotedWinRate() - e.getWinRate(),
              production.getPromotedWinRate(),
              e.getWinRate(),
              config.winRateDrop()));
    }
    return Optional.empty();
  }
}
