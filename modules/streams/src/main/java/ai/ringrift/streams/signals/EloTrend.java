package ai.ringrift.streams.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Elo points of a config's trend window, and their least-squares slope in Elo per hour. Points
 * are kept oldest first as two parallel lists (times in epoch ms, Elo values), as stored.
 *
 * @param times the points' times, epoch ms, ascending
 * @param values the points' Elo
 */
public record EloTrend(List<Long> times, List<Double> values) {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  public EloTrend {
    if (times.size() != values.size()) {
      throw new IllegalArgumentException("times and values differ in length");
    }
  }

  /**
   * The points to keep at {@code now}: those inside {@code window} and not after {@code now}, at
   * most {@code maxPoints} of the newest.
   */
  public EloTrend recent(Instant now, Duration window, int maxPoints) {
    long to = now.toEpochMilli();
    long from = to - window.toMillis();
    int first = 0;
    while (first < times.size() && times.get(first) < from) {
      first++;
    }
    int last = times.size();
    while (last > first && times.get(last - 1) > to) {
      last--;
    }
    first = Math.max(first, last - maxPoints);
    if (first == 0 && last == times.size()) {
      return this;
    }
    return new EloTrend(
        new ArrayList<>(times.subList(first, last)), new ArrayList<>(values.subList(first, last)));
  }

  /** A copy with a point added at {@code at} (kept in time order). */
  public EloTrend with(Instant at, double elo) {
    List<Long> t = new ArrayList<>(times);
    List<Double> v = new ArrayList<>(values);
    long millis = at.toEpochMilli();
    int i = t.size();
    while (i > 0 && t.get(i - 1) > millis) {
      i--;
    }
    t.add(i, millis);
    v.add(i, elo);
    return new EloTrend(t, v);
  }

  /** The number of points. */
  public int size() {
    return times.size();
  }

  /** The slope in Elo per hour; 0 with fewer than two distinct times. */
  public double slopePerHour() {
    int n = times.size();
    if (n < 2) {
      return 0.0;
    }
    long origin = times.get(0);
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += (times.get(i) - origin) / MILLIS_PER_HOUR;
      meanY += values.get(i);
    }
    meanX /= n;
    meanY /= n;
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      double dx = (times.get(i) - origin) / MILLIS_PER_HOUR - meanX;
      covariance += dx * (values.get(i) - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? 0.0 : covariance / variance;
  }
}
