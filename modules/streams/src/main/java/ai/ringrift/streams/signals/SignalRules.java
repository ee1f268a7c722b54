package ai.ringrift.streams.signals;

import ai.ringrift.events.Urgency;

/**
 * The original's signal rules: urgency (first matching rule wins), should-train, priority and
 * intensity. Pure: no Kafka, no clock.
 */
public final class SignalRules {
  /** The urgency rules in the order they are tried. */
  public enum Rule {
    LOW_QUALITY,
    BOOTSTRAP,
    ELO_DROP,
    WIN_RATE_REGRESSION,
    MANY_GAMES,
    STALE_WITH_GAMES,
    ENOUGH_GAMES,
    STALE_WITH_SOME_GAMES,
    SOME_GAMES,
    REGRESSION,
    NOTHING
  }

  private final SignalsConfig config;

  public SignalRules(SignalsConfig config) {
    this.config = config;
  }

  /** The signal for {@code in}. */
  public SignalOutcome evaluate(SignalInputs in) {
    double ratio = (double) in.newGames() / config.trainingGameCount();
    double staleness = in.hoursSinceTraining() / config.stalenessUnitHours();
    boolean bootstrap = in.noModel() && in.newGames() >= config.bootstrapMinGames();
    boolean eloRegression = in.eloTrendPerHour() < config.eloTrend().regressionBelowPerHour();
    double drop = eloRegression ? Math.abs(in.eloTrendPerHour()) : 0.0;
    boolean winRateRegression =
        in.winRate() != null && in.winRate() < config.winRateRegressionBelow();
    Rule rule =
        rule(
            ratio,
            staleness,
            bootstrap,
            eloRegression || winRateRegression,
            drop,
            winRateRegression,
            in.quality());
    Urgency urgency = urgencyOf(rule);
    return new SignalOutcome(
        urgency,
        rule,
        urgency.compareTo(Urgency.NORMAL) >= 0 && in.timeOk(),
        priority(urgency, bootstrap, ratio, drop, in.winRate(), in.quality()),
        intensity(urgency, in.eloTrendPerHour()),
        ratio,
        staleness,
        bootstrap,
        eloRegression,
        winRateRegression,
        drop);
  }

  private Rule rule(
      double ratio,
      double staleness,
      boolean bootstrap,
      boolean regression,
      double drop,
      boolean winRateRegression,
      double quality) {
    SignalsConfig.UrgencyThresholds t = config.urgency();
    if (quality < t.lowQualityBelow() && !regression) {
      return Rule.LOW_QUALITY;
    } else if (bootstrap) {
      return Rule.BOOTSTRAP;
    } else if (drop > t.criticalDropAbove()) {
      return Rule.ELO_DROP;
    } else if (winRateRegression) {
      return Rule.WIN_RATE_REGRESSION;
    } else if (ratio >= t.highRatio()) {
      return Rule.MANY_GAMES;
    } else if (staleness >= t.staleHighStaleness() && ratio >= t.staleHighRatio()) {
      return Rule.STALE_WITH_GAMES;
    } else if (ratio >= t.normalRatio()) {
      return Rule.ENOUGH_GAMES;
    } else if (staleness >= t.staleNormalStaleness() && ratio >= t.staleNormalRatio()) {
      return Rule.STALE_WITH_SOME_GAMES;
    } else if (ratio >= t.lowRatio()) {
      return Rule.SOME_GAMES;
    } else if (regression) {
      return Rule.REGRESSION;
    }
    return Rule.NOTHING;
  }

  /** The urgency a rule sets. */
  public static Urgency urgencyOf(Rule rule) {
    return switch (rule) {
      case ELO_DROP, WIN_RATE_REGRESSION -> Urgency.CRITICAL;
      case BOOTSTRAP, MANY_GAMES, STALE_WITH_GAMES -> Urgency.HIGH;
      case ENOUGH_GAMES, STALE_WITH_SOME_GAMES -> Urgency.NORMAL;
      case LOW_QUALITY, SOME_GAMES, REGRESSION -> Urgency.LOW;
      case NOTHING -> Urgency.NONE;
    };
  }

  double priority(
      Urgency urgency, boolean bootstrap, double ratio, double drop, Double winRate, double q) {
    SignalsConfig.Priority p = config.priority();
    double priority = p.base().get(urgency);
    if (bootstrap) {
      priority += p.bootstrapBonus();
    }
    if (ratio > 1) {
      priority += p.ratioWeight() * (ratio - 1);
    }
    priority += p.dropWeight() * drop;
    if (winRate != null && winRate < config.winRateRegressionBelow()) {
      priority += p.winRateWeight() * (config.winRateRegressionBelow() - winRate);
    }
    if (q >= p.qualityHighFrom()) {
      priority += p.qualityHighWeight() * (q - p.qualityHighFrom());
    } else if (q < config.urgency().lowQualityBelow()) {
      priority -= p.qualityLowWeight() * (config.urgency().lowQualityBelow() - q);
    }
    return Math.max(0.0, priority);
  }

  double intensity(Urgency urgency, double trend) {
    SignalsConfig.Intensity i = config.intensity();
    double intensity = i.byUrgency().get(urgency);
    if (trend > i.improvingTrendAbove()) {
      intensity *= i.improvingFactor();
    } else if (trend < i.decliningTrendBelow()) {
      intensity *= i.decliningFactor();
    }
    return Math.min(i.max(), Math.max(i.min(), intensity));
  }
}
