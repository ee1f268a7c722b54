package ai.ringrift.streams.signals;

import ai.ringrift.streams.state.EloPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Least-squares slope of recent Elo points, in Elo per hour. */
public final class EloTrend {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private EloTrend() {}

  /**
   * The points to keep at {@code now}: those inside {@code window}, at most {@code maxPoints} of
   * the newest, oldest first.
   */
  public static List<EloPoint> recent(
      List<EloPoint> points, Instant now, Duration window, int maxPoints) {
    Instant from = now.minus(window);
    List<EloPoint> kept = new ArrayList<>();
    for (EloPoint p : points) {
      if (!p.getAt().isBefore(from) && !p.getAt().isAfter(now)) {
        kept.add(p);
      }
    }
    kept.sort(Comparator.comparing(EloPoint::getAt));
    return kept.size() <= maxPoints
        ? List.copyOf(kept)
        : List.copyOf(kept.subList(kept.size() - maxPoints, kept.size()));
  }

  /** The slope of {@code points} in Elo per hour; 0 with fewer than two distinct times. */
  public static double slopePerHour(List<EloPoint> points) {
    int n = points.size();
    if (n < 2) {
      return 0.0;
    }
    long origin = points.get(0).getAt().toEpochMilli();
    double meanX = 0;
    double meanY = 0;
    for (EloPoint p : points) {
      meanX += (p.getAt().toEpochMilli() - origin) / MILLIS_PER_HOUR;
      meanY += p.getElo();
    }
    meanX /= n;
    meanY /= n;
    double covariance = 0;
    double variance = 0;
    for (EloPoint p : points) {
      double dx = (p.getAt().toEpochMilli() - origin) / MILLIS_PER_HOUR - meanX;
      covariance += dx * (p.getElo() - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? 0.0 : covariance / variance;
  }
}
