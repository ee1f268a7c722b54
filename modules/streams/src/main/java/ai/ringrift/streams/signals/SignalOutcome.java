package ai.ringrift.streams.signals;

import ai.ringrift.events.Urgency;

/**
 * The signal of one config: the rule that set the urgency and everything derived.
 *
 * @param urgency how urgently to train
 * @param rule the urgency rule that matched (see {@link SignalRules.Rule})
 * @param shouldTrain urgency at least NORMAL and the minimum interval passed
 * @param priority the priority formula's value, at least 0
 * @param intensity training intensity, clamped
 * @param ratio new games / training game count
 * @param staleness hours since training / staleness unit
 * @param bootstrap no model yet and enough games
 * @param eloRegression Elo trend below the regression threshold
 * @param winRateRegression win rate below its floor
 * @param drop |trend| when the Elo regresses, else 0
 */
public record SignalOutcome(
    Urgency urgency,
    SignalRules.Rule rule,
    boolean shouldTrain,
    double priority,
    double intensity,
    double ratio,
    double staleness,
    boolean bootstrap,
    boolean eloRegression,
    boolean winRateRegression,
    double drop) {}
