package ai.ringrift.stages.host;

import ai.ringrift.events.CircuitState;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import ai.ringrift.events.contract.CircuitAdmission;
import ai.ringrift.events.contract.CircuitAdmission.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a (stage, config) breaker, from the {@code ringrift.state.circuits} table, before every
 * start: CLOSED runs; OPEN waits until its retry time, then runs as the half-open probe; HALF_OPEN
 * with its probe in flight waits for the probe's result.
 */
final class CircuitGate {
  private static final Logger LOGGER = LoggerFactory.getLogger(CircuitGate.class);

  private final StateTables tables;
  private final Clock clock;
  private final Duration poll;

  CircuitGate(StateTables tables, Clock clock, Duration poll) {
    this.tables = tables;
    this.clock = clock;
    this.poll = poll;
  }

  /** The key of a breaker in the circuits table, e.g. {@code square8_2p/training}. */
  static String key(ConfigKey config, Stage stage) {
    return StageSupport.key(config, stage);
  }

  /** Waits until the breaker admits a run; RUN or RUN_AS_PROBE. */
  Verdict admit(ConfigKey config, Stage stage, RunHandle run) throws InterruptedException {
    String key = key(config, stage);
    boolean told = false;
    while (true) {
      run.check();
      long seen = tables.version();
      CircuitState state = tables.get(CircuitState.class, key);
      Instant now = clock.instant();
      Verdict verdict = CircuitAdmission.of(state, now);
      if (verdict != Verdict.WAIT) {
        if (told || verdict == Verdict.RUN_AS_PROBE) {
          LOGGER.info("breaker={} admits {}", key, verdict);
        }
        return verdict;
      }
      if (!told) {
        LOGGER.info(
            "breaker={} is {} (retry at {}, probe in flight {}): not starting trigger={} yet",
            key,
            state.getStatus(),
            state.getRetryAt(),
            state.getProbeInFlight(),
            run.triggerId());
        told = true;
      }
      Duration wait = poll;
      if (state.getRetryAt() != null && state.getRetryAt().isAfter(now)) {
        Duration untilRetry = Duration.between(now, state.getRetryAt());
        wait = untilRetry.compareTo(poll) < 0 ? untilRetry : poll;
      }
      tables.awaitChange(seen, wait.isZero() ? Duration.ofMillis(1) : wait);
    }
  }
}
