package ai.ringrift.streams.signals;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.Urgency;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The signal computer's thresholds, from {@code config/signals.yaml} (section {@code signals}); the
 * file's comments say what each one does.
 */
public record SignalsConfig(
    int trainingGameCount,
    long minTrainingIntervalSeconds,
    double stalenessUnitHours,
    int bootstrapMinGames,
    double defaultQuality,
    double winRateRegressionBelow,
    EloTrend eloTrend,
    UrgencyThresholds urgency,
    Priority priority,
    Intensity intensity,
    Regression regression,
    long punctuateIntervalSeconds) {
  /** The file. */
  public static final String FILE = "signals.yaml";

  public SignalsConfig {
    Check.atLeast("trainingGameCount", trainingGameCount, 1);
    Check.atLeast("minTrainingIntervalSeconds", minTrainingIntervalSeconds, 0L);
    Check.that(stalenessUnitHours > 0, "stalenessUnitHours", "must be positive");
    Check.atLeast("bootstrapMinGames", bootstrapMinGames, 1);
    Check.between("defaultQuality", defaultQuality, 0.0, 1.0);
    Check.between("winRateRegressionBelow", winRateRegressionBelow, 0.0, 1.0);
    Check.present("eloTrend", eloTrend);
    Check.present("urgency", urgency);
    Check.present("priority", priority);
    Check.present("intensity", intensity);
    Check.present("regression", regression);
    Check.atLeast("punctuateIntervalSeconds", punctuateIntervalSeconds, 1L);
  }

  /** Loads and validates the file. */
  public static SignalsConfig load(ConfigSource source) {
    return source.section(FILE, "signals", SignalsConfig.class);
  }

  /** Minimum time between trainings. */
  public Duration minTrainingInterval() {
    return Duration.ofSeconds(minTrainingIntervalSeconds);
  }

  /** Wall-clock re-evaluation period. */
  public Duration punctuateInterval() {
    return Duration.ofSeconds(punctuateIntervalSeconds);
  }

  /** Elo trend: least-squares slope over a window of points. */
  public record EloTrend(long windowSeconds, int maxPoints, double regressionBelowPerHour) {
    public EloTrend {
      Check.atLeast("eloTrend.windowSeconds", windowSeconds, 1L);
      Check.atLeast("eloTrend.maxPoints", maxPoints, 2);
      Check.that(regressionBelowPerHour < 0, "eloTrend.regressionBelowPerHour", "must be negative");
    }

    /** The window. */
    public Duration window() {
      return Duration.ofSeconds(windowSeconds);
    }
  }

  /** Thresholds of the urgency rules, in rule order. */
  public record UrgencyThresholds(
      double lowQualityBelow,
      double criticalDropAbove,
      double highRatio,
      double staleHighStaleness,
      double staleHighRatio,
      double normalRatio,
      double staleNormalStaleness,
      double staleNormalRatio,
      double lowRatio) {
    public UrgencyThresholds {
      Check.between("urgency.lowQualityBelow", lowQualityBelow, 0.0, 1.0);
      Check.atLeast("urgency.criticalDropAbove", criticalDropAbove, 0.0);
      Check.atLeast("urgency.highRatio", highRatio, 0.0);
      Check.atLeast("urgency.staleHighStaleness", staleHighStaleness, 0.0);
      Check.atLeast("urgency.staleHighRatio", staleHighRatio, 0.0);
      Check.atLeast("urgency.normalRatio", normalRatio, 0.0);
      Check.atLeast("urgency.staleNormalStaleness", staleNormalStaleness, 0.0);
      Check.atLeast("urgency.staleNormalRatio", staleNormalRatio, 0.0);
      Check.atLeast("urgency.lowRatio", lowRatio, 0.0);
    }
  }

  /** The priority formula's weights. */
  public record Priority(
      Map<Urgency, Double> base,
      double bootstrapBonus,
      double ratioWeight,
      double dropWeight,
      double winRateWeight,
      double qualityHighFrom,
      double qualityHighWeight,
      double qualityLowWeight) {
    public Priority {
      base = complete("priority.base", base);
      Check.between("priority.qualityHighFrom", qualityHighFrom, 0.0, 1.0);
    }
  }

  /** Training intensity by urgency and Elo trend. */
  public record Intensity(
      Map<Urgency, Double> byUrgency,
      double improvingTrendAbove,
      double improvingFactor,
      double decliningTrendBelow,
      double decliningFactor,
      double min,
      double max) {
    public Intensity {
      byUrgency = complete("intensity.byUrgency", byUrgency);
      Check.that(improvingFactor > 0, "intensity.improvingFactor", "must be positive");
      Check.that(decliningFactor > 0, "intensity.decliningFactor", "must be positive");
      Check.that(min > 0 && min <= max, "intensity.min", "must be positive and at most max");
    }
  }

  /** Regression of the production model: severity by Elo drop and the recommendation. */
  public record Regression(
      int minGames,
      double minorDrop,
      double moderateDrop,
      double severeDrop,
      double criticalDrop,
      int rollbackAfterConsecutive) {
    public Regression {
      Check.atLeast("regression.minGames", minGames, 1);
      Check.that(
          0 < minorDrop
              && minorDrop < moderateDrop
              && moderateDrop < severeDrop
              && severeDrop < criticalDrop,
          "regression",
          "drops must be positive and increase: minor < moderate < severe < critical");
      Check.atLeast("regression.rollbackAfterConsecutive", rollbackAfterConsecutive, 1);
    }
  }

  private static Map<Urgency, Double> complete(String key, Map<Urgency, Double> values) {
    Check.present(key, values);
    for (Urgency urgency : Urgency.values()) {
      Check.that(values.get(urgency) != null, key + "." + urgency, "is required");
    }
    return Map.copyOf(new EnumMap<>(values));
  }
}
