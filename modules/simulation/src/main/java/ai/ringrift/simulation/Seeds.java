package ai.ringrift.simulation;

import java.util.SplittableRandom;

/**
 * Seeded randomness for the simulation: the same seed, config and run id give the same games, the
 * same trained strength and the same gauntlet, on every machine (String.hashCode is specified).
 */
final class Seeds {
  private Seeds() {}

  static SplittableRandom random(long seed, String config, String runId) {
    long mixed = seed;
    mixed = mixed * 0x9E3779B97F4A7C15L + config.hashCode();
    mixed = mixed * 0x9E3779B97F4A7C15L + runId.hashCode();
    return new SplittableRandom(mixed);
  }

  /** A normally distributed value (Box-Muller), mean 0, standard deviation 1. */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
