package ai.ringrift.client.subscribe;

import java.time.Instant;

/**
 * The failures of one event so far: how many attempts failed, when the first and the last did, and
 * the last failure itself.
 */
record FailureTrail(Throwable last, int attempts, Instant first, Instant lastAt) {
  static FailureTrail first(Throwable failure, Instant at) {
    return new FailureTrail(Failures.unwrap(failure), 1, at, at);
  }

  FailureTrail then(Throwable failure, Instant at) {
    return new FailureTrail(Failures.unwrap(failure), attempts + 1, first, at);
  }

  Failures.Kind kind() {
    return Failures.classify(last);
  }
}
