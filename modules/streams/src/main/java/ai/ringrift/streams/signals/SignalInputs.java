package ai.ringrift.streams.signals;

/**
 * What the signal rules look at for one config at one moment.
 *
 * @param newGames games since the last training
 * @param hoursSinceTraining hours since the last training (before the first: since first seen)
 * @param timeOk whether the minimum interval since the last training has passed
 * @param noModel whether the config has no model yet
 * @param eloTrendPerHour least-squares Elo slope of the recent window, Elo per hour
 * @param winRate win rate of the latest evaluation, or null when none
 * @param quality data quality q, 0 to 1
 */
public record SignalInputs(
    long newGames,
    double hoursSinceTraining,
    boolean timeOk,
    boolean noModel,
    double eloTrendPerHour,
    Double winRate,
    double quality) {}
