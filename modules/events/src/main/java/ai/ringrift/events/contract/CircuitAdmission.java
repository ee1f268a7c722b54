package ai.ringrift.events.contract;

import ai.ringrift.events.CircuitState;
import java.time.Instant;

/**
 * What a stage reads from {@code ringrift.state.circuits} before it acts: whether its (stage,
 * config) breaker lets a run through. A stage that is admitted as the probe records its start
 * ({@code StageRun} STARTED); the breaker then admits no other run until the probe's result.
 */
public final class CircuitAdmission {
  private CircuitAdmission() {}

  /** The answer. */
  public enum Verdict {
    /** CLOSED (or never seen): run. */
    RUN,
    /** HALF_OPEN with no probe yet, or OPEN past its retry time: run as the one probe. */
    RUN_AS_PROBE,
    /** OPEN, or HALF_OPEN with its probe in flight: do not run. */
    WAIT
  }

  /** The verdict for {@code state} (null when the breaker has no state yet) at {@code now}. */
  public static Verdict of(CircuitState state, Instant now) {
    if (state == null) {
      return Verdict.RUN;
    }
    return switch (state.getStatus()) {
      case CLOSED -> Verdict.RUN;
      case HALF_OPEN -> state.getProbeInFlight() ? Verdict.WAIT : Verdict.RUN_AS_PROBE;
      case OPEN ->
          state.getRetryAt() != null && !now.isBefore(state.getRetryAt())
              ? Verdict.RUN_AS_PROBE
              : Verdict.WAIT;
    };
  }
}
