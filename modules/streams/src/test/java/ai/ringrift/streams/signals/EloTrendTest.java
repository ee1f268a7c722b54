package ai.ringrift.streams.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Least-squares Elo slope over the trend window. */
class EloTrendTest {
  static final Instant NOW = Instant.parse("2026-03-11T12:00:00Z");
  static final EloTrend EMPTY = new EloTrend(List.of(), List.of());

  @Test
  void slopeOfPointsOnALineIsItsGradientPerHour() {
    EloTrend trend =
        EMPTY.with(NOW.minusSeconds(3600), 1500).with(NOW.minusSeconds(1800), 1510).with(NOW, 1520);

    assertThat(trend.slopePerHour()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void leastSquaresThroughNoisyPoints() {
    // x = 0, 0.5, 1 h; y = 1500, 1530, 1510: slope = cov / var = 5 / 0.5 = 10 Elo/h
    EloTrend trend =
        EMPTY.with(NOW, 1510).with(NOW.minusSeconds(3600), 1500).with(NOW.minusSeconds(1800), 1530);

    assertThat(trend.times()).isSorted();
    assertThat(trend.slopePerHour()).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void fewerThanTwoPointsHaveNoTrend() {
    assertThat(EMPTY.slopePerHour()).isZero();
    assertThat(EMPTY.with(NOW, 1500).slopePerHour()).isZero();
  }

  @Test
  void windowDropsOldPointsAndKeepsTheNewestHundred() {
    EloTrend trend = EMPTY.with(NOW.minus(Duration.ofMinutes(61)), 1000);
    for (int i = 0; i < 150; i++) {
      trend = trend.with(NOW.minusSeconds(150 - i), 1500 + i);
    }

    EloTrend recent = trend.recent(NOW, Duration.ofHours(1), 100);

    assertThat(recent.size()).isEqualTo(100);
    assertThat(recent.values().get(0)).isEqualTo(1550.0);
    assertThat(recent.slopePerHour()).isCloseTo(3600.0, within(1e-6));
  }
}
