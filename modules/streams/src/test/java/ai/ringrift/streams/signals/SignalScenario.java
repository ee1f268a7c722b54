package ai.ringrift.streams.signals;

import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.export;
import static ai.ringrift.streams.TestEvents.promoted;
import static ai.ringrift.streams.TestEvents.selfplay;
import static ai.ringrift.streams.TestEvents.training;

import ai.ringrift.streams.Driver;
import java.time.Duration;
import java.time.Instant;

/**
 * One config's history, replayed into the signal computer as real events: a production model (or
 * none), a training some time ago (or none), a data quality, two evaluations an half hour apart
 * that give an Elo trend and the latest win rate, and the new games since training.
 *
 * @param newGames games since the last training
 * @param trainedAgo time since the last training; null for never
 * @param hasModel whether a production model exists
 * @param trendPerHour Elo trend to produce; null for no evaluations
 * @param winRate win rate of the latest evaluation (with a trend)
 * @param quality data quality; null for the default
 */
record SignalScenario(
    int newGames,
    Duration trainedAgo,
    boolean hasModel,
    Double trendPerHour,
    double winRate,
    Double quality) {
  static final String CONFIG = "square8_2p";

  static SignalScenario games(int newGames) {
    return new SignalScenario(newGames, Duration.ofHours(1), true, null, 0.6, null);
  }

  SignalScenario trainedAgo(Duration ago) {
    return new SignalScenario(newGames, ago, hasModel, trendPerHour, winRate, quality);
  }

  SignalScenario noModel() {
    return new SignalScenario(newGames, null, false, trendPerHour, winRate, quality);
  }

  SignalScenario trend(double perHour) {
    return new SignalScenario(newGames, trainedAgo, hasModel, perHour, winRate, quality);
  }

  SignalScenario winRate(double rate) {
    double trend = trendPerHour == null ? 0.0 : trendPerHour;
    return new SignalScenario(newGames, trainedAgo, hasModel, trend, rate, quality);
  }

  SignalScenario quality(double q) {
    return new SignalScenario(newGames, trainedAgo, hasModel, trendPerHour, winRate, q);
  }

  /** Sends the history; the driver's clock stands at {@code now}. */
  void replay(Driver driver) {
    Instant now = driver.now();
    if (hasModel) {
      driver.send(promoted(CONFIG, "champion", 1500, now.minus(Duration.ofDays(1))));
    }
    if (trainedAgo != null) {
      driver.send(training(CONFIG, "trained", now.minus(trainedAgo)));
    }
    if (quality != null) {
      driver.send(export(CONFIG, quality, now));
    }
    if (trendPerHour != null) {
      Instant earlier = now.minus(Duration.ofMinutes(30));
      driver.send(evaluation(CONFIG, "candidate-1", 1500, earlier).setWinRate(0.6).build());
      double later = 1500 + trendPerHour / 2;
      driver.send(evaluation(CONFIG, "candidate-2", later, now).setWinRate(winRate).build());
    }
    if (newGames > 0) {
      driver.send(selfplay(CONFIG, newGames, now));
    }
  }
}
