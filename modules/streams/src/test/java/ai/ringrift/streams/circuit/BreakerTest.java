package ai.ringrift.streams.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.streams.TestEvents;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Breaker rules where the order of a result and the clock tick matters. */
class BreakerTest {
  static final Instant T0 = Instant.parse("2026-03-11T12:00:00Z");
  static final String KEY = "square8_2p/training";

  final Breaker breaker = new Breaker(RecoveryTest.SETTINGS);

  CircuitState open() {
    CircuitState s = Breaker.initial(TestEvents.config("square8_2p"), Stage.TRAINING, T0);
    for (int i = 0; i < 3; i++) {
      s = breaker.failure(s, KEY, "boom", T0).state();
    }
    assertThat(s.getStatus()).isEqualTo(CircuitStatus.OPEN);
    return s;
  }

  @Test
  void aProbeResultBeforeTheClockTickPassesThroughHalfOpen() {
    CircuitState open = open();
    Instant later = open.getRetryAt().plusSeconds(1);

    Breaker.Step step = breaker.success(open, KEY, later);

    assertThat(step.transitions())
        .extracting(t -> t.from() + ">" + t.after().getStatus())
        .containsExactly("OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
    assertThat(step.state().getOpensDecayFrom()).isEqualTo(later);
  }

  @Test
  void aFailureBeforeTheClockTickIsTheFailedProbe() {
    CircuitState open = open();
    Instant later = open.getRetryAt().plusSeconds(1);

    Breaker.Step step = breaker.failure(open, KEY, "again", later);

    assertThat(step.state().getStatus()).isEqualTo(CircuitStatus.OPEN);
    assertThat(step.state().getOpens()).isEqualTo(2);
    assertThat(step.state().getLastError()).isEqualTo("again");
    assertThat(Duration.between(later, step.state().getRetryAt()).toSeconds())
        .isBetween(540L, 660L);
  }

  @Test
  void nothingChangesWhileOpenBeforeItsRetryTime() {
    CircuitState open = open();

    Breaker.Step step = breaker.elapse(open, KEY, open.getRetryAt().minusMillis(1));

    assertThat(step.changed()).isFalse();
    assertThat(step.transitions()).isEmpty();
  }
}
