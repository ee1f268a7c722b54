package ai.ringrift.streams.signals;

import ai.ringrift.events.RegressionAction;
import ai.ringrift.events.RegressionSeverity;
import java.util.Optional;

/**
 * Regression of the production model: a re-evaluation with enough games that is at least the minor
 * drop below its Elo at promotion. Severity by drop; rollback is recommended for a critical drop or
 * after several regressions in a row, a retrain for a moderate or severe one.
 */
public final class RegressionRules {
  private final SignalsConfig.Regression config;

  public RegressionRules(SignalsConfig.Regression config) {
    this.config = config;
  }

  /**
   * A regression found by one evaluation.
   *
   * @param severity by Elo drop
   * @param drop Elo at promotion minus Elo now
   * @param consecutive regressions in a row, this one included
   * @param action what to do
   */
  public record Finding(
      RegressionSeverity severity, double drop, int consecutive, RegressionAction action) {}

  /** Whether an evaluation of {@code games} games tells anything. */
  public boolean counts(int games) {
    return games >= config.minGames();
  }

  /**
   * The finding for an evaluation at {@code elo} of a model promoted at {@code promotedElo}, after
   * {@code previous} regressions in a row; empty when it did not regress.
   */
  public Optional<Finding> assess(double promotedElo, double elo, int previous) {
    double drop = promotedElo - elo;
    Optional<RegressionSeverity> severity = severityOf(drop);
    if (severity.isEmpty()) {
      return Optional.empty();
    }
    int consecutive = previous + 1;
    return Optional.of(
        new Finding(severity.get(), drop, consecutive, actionOf(severity.get(), consecutive)));
  }

  /** The severity of an Elo drop, empty below the minor drop. */
  public Optional<RegressionSeverity> severityOf(double drop) {
    if (drop >= config.criticalDrop()) {
      return Optional.of(RegressionSeverity.CRITICAL);
    } else if (drop >= config.severeDrop()) {
      return Optional.of(RegressionSeverity.SEVERE);
    } else if (drop >= config.moderateDrop()) {
      return Optional.of(RegressionSeverity.MODERATE);
    } else if (drop >= config.minorDrop()) {
      return Optional.of(RegressionSeverity.MINOR);
    }
    return Optional.empty();
  }

  private RegressionAction actionOf(RegressionSeverity severity, int consecutive) {
    if (severity == RegressionSeverity.CRITICAL
        || consecutive >= config.rollbackAfterConsecutive()) {
      return RegressionAction.ROLLBACK;
    }
    return severity == RegressionSeverity.MINOR
        ? RegressionAction.MONITOR
        : RegressionAction.RETRAIN;
  }
}
