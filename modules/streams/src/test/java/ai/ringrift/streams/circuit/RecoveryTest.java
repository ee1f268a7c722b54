package ai.ringrift.streams.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.streams.Driver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Recovery growth, cap and jitter bounds. */
class RecoveryTest {
  static final CircuitBreakerConfig.BreakerSettings SETTINGS =
      CircuitBreakerConfig.load(Driver.CONFIG).defaults();

  @Test
  void recoveryDoublesPerOpeningUpToTheCap() {
    assertThat(Recovery.base(SETTINGS, 1)).isEqualTo(Duration.ofSeconds(300));
    assertThat(Recovery.base(SETTINGS, 2)).isEqualTo(Duration.ofSeconds(600));
    assertThat(Recovery.base(SETTINGS, 4)).isEqualTo(Duration.ofSeconds(2400));
    assertThat(Recovery.base(SETTINGS, 5)).isEqualTo(Duration.ofSeconds(3600));
    assertThat(Recovery.base(SETTINGS, 40)).isEqualTo(Duration.ofSeconds(3600));
  }

  @Test
  void jitterStaysWithinTenPercentAndUsesTheWholeRange() {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < 10_000; i++) {
      double f = Recovery.jitterFactor(0.1, "hex8_" + (i % 3 + 2) + "p/sync", i % 7 + 1, i * 997L);
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    assertThat(min).isGreaterThanOrEqualTo(0.9).isLessThan(0.91);
    assertThat(max).isLessThan(1.1).isGreaterThan(1.09);
  }

  @Test
  void jitterIsTheSameWhenTheSameOpeningIsReprocessed() {
    double first = Recovery.jitterFactor(0.1, "square8_2p/training", 2, 1_773_230_400_000L);
    double again = Recovery.jitterFactor(0.1, "square8_2p/training", 2, 1_773_230_400_000L);
    double otherKey = Recovery.jitterFactor(0.1, "square8_3p/training", 2, 1_773_230_400_000L);

    assertThat(again).isEqualTo(first);
    assertThat(otherKey).isNotEqualTo(first);
  }
}
