package ai.ringrift.stages.training;

import ai.ringrift.config.Check;
import ai.ringrift.stages.action.ActionSpec;
import java.time.Duration;

/**
 * The training stage (section {@code training} of {@code config/stages.yaml}).
 *
 * @param action what trains (a command, or the simulated trainer)
 * @param minSamples the fewest samples a shard needs to be trained on (the original's 5000)
 * @param cooldownSeconds the least time between the end of a config's training and the next start
 *     (the original's ≈ 2 min)
 * @param maxConcurrent trainings running at once on this instance (the original's 8)
 * @param epochs epochs of a run (20)
 * @param batchSize batch size of a run (512)
 */
public record TrainingConfig(
    ActionSpec action,
    long minSamples,
    double cooldownSeconds,
    int maxConcurrent,
    int epochs,
    int batchSize) {
  public TrainingConfig {
    Check.present("action", action);
    Check.atLeast("minSamples", minSamples, 1);
    Check.atLeast("cooldownSeconds", cooldownSeconds, 0.0);
    Check.atLeast("maxConcurrent", maxConcurrent, 1);
    Check.atLeast("epochs", epochs, 1);
    Check.atLeast("batchSize", batchSize, 1);
  }

  public Duration cooldown() {
    return Duration.ofNanos(Math.round(cooldownSeconds * 1e9));
  }

  /** A copy with other pacing (the simulated loop's small shards and short runs). */
  public TrainingConfig withPacing(long samples, double cooldown, int runEpochs) {
    return new TrainingConfig(action, samples, cooldown, maxConcurrent, runEpochs, batchSize);
  }

  /** A copy that runs {@code changed} (the simulated cluster runs the simulated workload). */
  public TrainingConfig withAction(ActionSpec changed) {
    return new TrainingConfig(
        changed, minSamples, cooldownSeconds, maxConcurrent, epochs, batchSize);
  }
}
