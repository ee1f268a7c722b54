package ai.ringrift.streams.circuit;

import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one (stage, config) breaker. CLOSED counts consecutive failures and opens at the
 * threshold; OPEN waits its recovery (growing with each opening, capped, jittered) and becomes
 * HALF_OPEN; HALF_OPEN admits one probe whose result closes or re-opens it; the open count halves
 * for every decay interval spent CLOSED. Pure: every method takes the time and returns a {@link
 * Step}.
 */
final class Breaker {
  private final CircuitBreakerConfig.BreakerSettings settings;

  Breaker(CircuitBreakerConfig.BreakerSettings settings) {
    this.settings = settings;
  }

  /** A breaker that never saw a result. */
  static CircuitState initial(ConfigKey config, Stage stage, Instant now) {
    return CircuitState.newBuilder()
        .setConfig(config)
        .setStage(stage)
        .setStatus(CircuitStatus.CLOSED)
        .setConsecutiveFailures(0)
        .setOpens(0)
        .setUpdatedAt(now)
        .build();
  }

  /** The stage succeeded. */
  Step success(CircuitState state, String key, Instant now) {
    Step step = elapse(state, key, now);
    CircuitState s = step.state();
    return switch (s.getStatus()) {
      case CLOSED ->
          s.getConsecutiveFailures() == 0
              ? step
              : step.update(CircuitState.newBuilder(s).setConsecutiveFailures(0), now);
      case HALF_OPEN -> step.transition(close(s, now), "probe succeeded", now);
      case OPEN -> step; // a run that started before the breaker opened: it decides nothing
    };
  }

  /** The stage failed with {@code error}. */
  Step failure(CircuitState state, String key, String error, Instant now) {
    Step step = elapse(state, key, now);
    CircuitState s = step.state();
    int failures = s.getConsecutiveFailures() + 1;
    CircuitState.Builder failed =
        CircuitState.newBuilder(s).setConsecutiveFailures(failures).setLastError(error);
    return switch (s.getStatus()) {
      case CLOSED ->
          failures >= settings.failureThreshold()
              ? step.transition(open(failed, key, now), failures + " consecutive failures", now)
              : step.update(failed, now);
      case HALF_OPEN -> step.transition(open(failed, key, now), "probe failed: " + error, now);
      case OPEN -> step.update(failed.setConsecutiveFailures(s.getConsecutiveFailures()), now);
    };
  }

  /** Time passed: recovery and decay. */
  Step elapse(CircuitState state, String key, Instant now) {
    Step step = Step.of(state);
    if (state.getStatus() == CircuitStatus.OPEN && !now.isBefore(state.getRetryAt())) {
      CircuitState halfOpen =
          CircuitState.newBuilder(state)
              .setStatus(CircuitStatus.HALF_OPEN)
              .setRetryAt(null)
              .setProbeInFlight(false)
              .setUpdatedAt(now)
              .build();
      return step.transition(halfOpen, "recovery time elapsed", now);
    }
    if (state.getStatus() == CircuitStatus.CLOSED
        && state.getOpens() > 0
        && state.getOpensDecayFrom() != null) {
      Duration interval = Duration.ofSeconds(settings.decayIntervalSeconds());
      long halvings =
          Duration.between(state.getOpensDecayFrom(), now).toMillis() / interval.toMillis();
      if (halvings >= 1) {
        return step.update(
            CircuitState.newBuilder(state)
                .setOpens(state.getOpens() >> (int) Math.min(halvings, 31))
                .setOpensDecayFrom(state.getOpensDecayFrom().plus(interval.multipliedBy(halvings))),
            now);
      }
    }
    return step;
  }

  /** A stage started the half-open probe: no other run is admitted until its result. */
  Step probeStarted(CircuitState state, String key, Instant now) {
    Step step = elapse(state, key, now);
    CircuitState s = step.state();
    return s.getStatus() == CircuitStatus.HALF_OPEN && !s.getProbeInFlight()
        ? step.update(CircuitState.newBuilder(s).setProbeInFlight(true), now)
        : step;
  }

  /** The probe was interrupted without a result: admit another. */
  Step probeAbandoned(CircuitState state, String key, Instant now) {
    Step step = elapse(state, key, now);
    CircuitState s = step.state();
    return s.getStatus() == CircuitStatus.HALF_OPEN && s.getProbeInFlight()
        ? step.update(CircuitState.newBuilder(s).setProbeInFlight(false), now)
        : step;
  }

  /** An operator closes the breaker and forgets its history. */
  Step reset(CircuitState state, String reason, Instant now) {
    Step step = Step.of(state);
    CircuitState closed =
        CircuitState.newBuilder(close(state, now)).setOpens(0).setLastError(null).build();
    return state.getStatus() == CircuitStatus.CLOSED
        ? step.update(CircuitState.newBuilder(closed), now)
        : step.transition(closed, reason, now);
  }

  private CircuitState open(CircuitState.Builder failed, String key, Instant now) {
    int opens = failed.getOpens() + 1;
    Duration recovery = Recovery.of(settings, key, opens, now.toEpochMilli());
    return failed
        .setStatus(CircuitStatus.OPEN)
        .setOpens(opens)
        .setRetryAt(now.plus(recovery))
        .setProbeInFlight(false)
        .setUpdatedAt(now)
        .build();
  }

  private static CircuitState close(CircuitState state, Instant now) {
    return CircuitState.newBuilder(state)
        .setStatus(CircuitStatus.CLOSED)
        .setConsecutiveFailures(0)
        .setRetryAt(null)
        .setProbeInFlight(false)
        .setOpensDecayFrom(now)
        .setUpdatedAt(now)
        .build();
  }

  /**
   * The state after an input and the transitions on the way (OPEN to HALF_OPEN to CLOSED can happen
   * in one step when a probe result arrives before the clock tick).
   *
   * @param state the new state
   * @param transitions the status changes, in order
   * @param changed whether anything in the state changed
   */
  record Step(CircuitState state, List<Transition> transitions, boolean changed) {
    static Step of(CircuitState state) {
      return new Step(state, List.of(), false);
    }

    Step update(CircuitState.Builder next, Instant now) {
      return new Step(next.setUpdatedAt(now).build(), transitions, true);
    }

    Step transition(CircuitState next, String reason, Instant now) {
      List<Transition> all = new ArrayList<>(transitions);
      all.add(new Transition(state.getStatus(), next, reason, now));
      return new Step(next, List.copyOf(all), true);
    }
  }

  /**
   * A status change.
   *
   * @param from the status before
   * @param after the state after
   * @param reason why, for people
   * @param at when
   */
  record Transition(CircuitStatus from, CircuitState after, String reason, Instant at) {}
}
