package ai.ringrift.streams.signals;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.streams.common.Decimals;
import ai.ringrift.streams.state.SignalState;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A config's signal at a moment: the rules applied to its state, as a {@link TrainingSignal}. Used
 * by the processor (to emit) and by the status view (to show the signal as of the request).
 */
final class SignalEvaluator {
  private final SignalRules rules;
  private final SignalStates states;
  private final Map<String, ConfigKey> configs = new ConcurrentHashMap<>();

  SignalEvaluator(SignalsConfig config) {
    this.rules = new SignalRules(config);
    this.states = new SignalStates(config);
  }

  SignalStates states() {
    return states;
  }

  /** The inputs and the outcome of {@code state} at {@code now}. */
  Evaluation evaluate(SignalState state, Instant now) {
    SignalInputs in = states.inputs(state, now);
    return new Evaluation(in, rules.evaluate(in));
  }

  /** The evaluation as the signal event. */
  TrainingSignal toSignal(String key, EventHeader header, Evaluation e) {
    SignalOutcome outcome = e.outcome();
    SignalInputs in = e.inputs();
    return new TrainingSignal(
        header,
        configs.computeIfAbsent(key, ConfigKeys::parse),
        outcome.urgency(),
        outcome.shouldTrain(),
        outcome.priority(),
        outcome.intensity(),
        in.eloTrendPerHour(),
        in.newGames(),
        in.hoursSinceTraining(),
        outcome.bootstrap(),
        outcome.eloRegression(),
        outcome.winRateRegression(),
        reason(outcome, in));
  }

  /** E.g. {@code MANY_GAMES: ratio 1.60, staleness 0.17, trend 0.0 Elo/h, ...}. */
  static String reason(SignalOutcome outcome, SignalInputs in) {
    StringBuilder out = new StringBuilder(128).append(outcome.rule()).append(": ratio ");
    Decimals.append(out, outcome.ratio(), 2).append(", staleness ");
    Decimals.append(out, outcome.staleness(), 2).append(", trend ");
    Decimals.append(out, in.eloTrendPerHour(), 1).append(" Elo/h, win rate ");
    if (in.winRate() == null) {
      out.append("n/a");
    } else {
      Decimals.append(out, in.winRate(), 3);
    }
    Decimals.append(out.append(", quality "), in.quality(), 2);
    return in.timeOk()
        ? out.toString()
        : out.append(", too soon after the last training").toString();
  }

  /** Inputs and outcome together. */
  record Evaluation(SignalInputs inputs, SignalOutcome outcome) {
    String fingerprint() {
      return SignalChange.fingerprint(outcome, inputs);
    }
  }
}
