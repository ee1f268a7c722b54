package ai.ringrift.streams.signals;

import ai.ringrift.streams.common.Decimals;

/**
 * What a signal says, as a fingerprint kept with the config's state: a new signal is emitted when
 * the fingerprint changes. Staleness hours and the game count grow continuously and only matter
 * through the fields here, so they alone do not make a new signal; priority, intensity and trend
 * are compared at the precision a reader could act on.
 */
final class SignalChange {
  private SignalChange() {}

  static String fingerprint(SignalOutcome outcome, SignalInputs in) {
    StringBuilder out = new StringBuilder(48).append(outcome.urgency()).append('|');
    out.append(outcome.shouldTrain() ? 'T' : 't')
        .append(outcome.bootstrap() ? 'B' : 'b')
        .append(outcome.eloRegression() ? 'E' : 'e')
        .append(outcome.winRateRegression() ? 'W' : 'w')
        .append('|');
    Decimals.append(out, outcome.priority(), 2).append('|');
    Decimals.append(out, outcome.intensity(), 3).append('|');
    return Decimals.append(out, in.eloTrendPerHour(), 1).toString();
  }
}
