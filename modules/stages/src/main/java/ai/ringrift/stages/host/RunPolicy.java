package ai.ringrift.stages.host;

import ai.ringrift.config.Check;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Duration;
import java.util.List;

/**
 * How every stage runs its triggers (section {@code runs} of {@code config/stages.yaml}): retries,
 * crash detection and hand-over. Numbers are the original's where it has them.
 *
 * @param maxAttempts attempts per trigger; after the last one fails the stage publishes {@code
 *     PipelineFailed} and gives the trigger up
 * @param backoffSeconds wait before the second attempt; the n-th retry waits {@code backoffSeconds
 *     * backoffMultiplier^(n-1)} (the original's 300 · 2^n s)
 * @param backoffMultiplier growth of the wait per retry
 * @param orphanAfterSeconds a run another instance recorded as STARTED, whose trigger came to this
 *     instance, is a crash when its record has not changed for this long
 * @param recentTriggers finished triggers remembered per (config, stage) in {@code
 *     ringrift.state.stage-runs}; a redelivered trigger among them is never run again
 * @param handoverCheckMillis how often a running action checks that this instance still owns its
 *     trigger's partition (else it stops and records INTERRUPTED)
 * @param stopGraceSeconds a stopping service lets a running action finish for this long, then hands
 *     it back (INTERRUPTED, the trigger left for the next owner)
 * @param breakerPollMillis how often a stage whose breaker says WAIT looks again
 * @param configs the configs this host's stages serve ({@code square8_2p}, ...); empty for all
 */
public record RunPolicy(
    int maxAttempts,
    double backoffSeconds,
    double backoffMultiplier,
    double orphanAfterSeconds,
    int recentTriggers,
    int handoverCheckMillis,
    double stopGraceSeconds,
    int breakerPollMillis,
    List<String> configs) {
  public RunPolicy {
    Check.between("maxAttempts", maxAttempts, 1, 100);
    Check.atLeast("backoffSeconds", backoffSeconds, 0.0);
    Check.atLeast("backoffMultiplier", backoffMultiplier, 1.0);
    Check.atLeast("orphanAfterSeconds", orphanAfterSeconds, 0.0);
    Check.between("recentTriggers", recentTriggers, 1, 1000);
    Check.atLeast("handoverCheckMillis", handoverCheckMillis, 10);
    Check.atLeast("stopGraceSeconds", stopGraceSeconds, 0.0);
    Check.atLeast("breakerPollMillis", breakerPollMillis, 10);
    configs = Check.list(configs);
    for (int i = 0; i < configs.size(); i++) {
      Check.that(
          ConfigKeys.isValid(configs.get(i)),
          "configs[" + i + "]",
          "must be a config key like square8_2p, was '" + configs.get(i) + "'");
    }
  }

  /** The wait before attempt {@code failedAttempts + 1}. */
  public Duration backoffAfter(int failedAttempts) {
    double seconds = backoffSeconds * Math.pow(backoffMultiplier, Math.max(0, failedAttempts - 1));
    return seconds(seconds);
  }

  public Duration orphanAfter() {
    return seconds(orphanAfterSeconds);
  }

  public Duration stopGrace() {
    return seconds(stopGraceSeconds);
  }

  /** A copy whose stopping service lets a running action finish for {@code seconds} (tests). */
  public RunPolicy withStopGrace(double seconds) {
    return new RunPolicy(
        maxAttempts,
        backoffSeconds,
        backoffMultiplier,
        orphanAfterSeconds,
        recentTriggers,
        handoverCheckMillis,
        seconds,
        breakerPollMillis,
        configs);
  }

  /** The configs served, parsed; empty for all. */
  public List<ConfigKey> configKeys() {
    return configs.stream().map(ConfigKeys::parse).toList();
  }

  /** A copy with other retry timing (the simulated loop's fast iterations, tests). */
  public RunPolicy withTiming(double backoff, double orphanAfter) {
    return new RunPolicy(
        maxAttempts,
        backoff,
        backoffMultiplier,
        orphanAfter,
        recentTriggers,
        handoverCheckMillis,
        stopGraceSeconds,
        breakerPollMillis,
        configs);
  }

  /** A copy serving only {@code served}. */
  public RunPolicy withConfigs(List<String> served) {
    return new RunPolicy(
        maxAttempts,
        backoffSeconds,
        backoffMultiplier,
        orphanAfterSeconds,
        recentTriggers,
        handoverCheckMillis,
        stopGraceSeconds,
        breakerPollMillis,
        served);
  }

  static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
