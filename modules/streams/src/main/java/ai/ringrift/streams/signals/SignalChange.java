package ai.ringrift.streams.signals;

import ai.ringrift.events.TrainingSignal;

/**
 * Whether a freshly computed signal says something the last emitted one did not. Staleness hours
 * and the game count grow continuously and only matter through the fields compared here, so they
 * alone do not make a new signal; priority, intensity and trend are compared at the precision a
 * reader could act on.
 */
final class SignalChange {
  private SignalChange() {}

  static boolean same(TrainingSignal previous, SignalOutcome next, SignalInputs in) {
    return previous.getUrgency() == next.urgency()
        && previous.getShouldTrain() == next.shouldTrain()
        && previous.getBootstrap() == next.bootstrap()
        && previous.getEloRegression() == next.eloRegression()
        && previous.getWinRateRegression() == next.winRateRegression()
        && round(previous.getPriority(), 100) == round(next.priority(), 100)
        && round(previous.getIntensity(), 1000) == round(next.intensity(), 1000)
        && round(previous.getEloTrendPerHour(), 10) == round(in.eloTrendPerHour(), 10);
  }

  private static long round(double value, int scale) {
    return Math.round(value * scale);
  }
}
