package ai.ringrift.benchmarks.publisher;

import java.util.Locale;

/**
 * What the publisher benchmark runs.
 *
 * @param records records per throughput run, for both producers
 * @param runs measured throughput runs (each runs Kafka's tool and our publisher once)
 * @param warmupRecords records each producer sends before the measured runs (in two passes over the
 *     three), not reported
 * @param configs distinct config keys the events cycle through (1 = one partition, like the tool's
 *     sticky partitioning; 12 = every config)
 * @param lingerMs {@code linger.ms} of both producers
 * @param rate events per second of the latency run
 * @param seconds length of the latency run
 */
record BenchOptions(
    int records, int runs, int warmupRecords, int configs, int lingerMs, int rate, int seconds) {
  static final String USAGE =
      "options: --records N (500000) --runs N (5) --warmup N (1000000) --configs 1..12 (12)"
          + " --linger-ms N (5) --rate EVENTS_PER_S (1000) --seconds N (10)";

  BenchOptions {
    if (records < 1 || runs < 1 || warmupRecords < 0 || rate < 1 || seconds < 1 || lingerMs < 0) {
      throw new IllegalArgumentException("counts must be positive; " + USAGE);
    }
    if (configs < 1 || configs > 12) {
      throw new IllegalArgumentException("--configs must be 1 to 12, was " + configs);
    }
  }

  static BenchOptions parse(String... args) {
    int records = 500_000;
    int runs = 5;
    int warmup = 1_000_000;
    int configs = 12;
    int linger = 5;
    int rate = 1000;
    int seconds = 10;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value; " + USAGE);
      }
      int value = Integer.parseInt(args[++i]);
      switch (name.toLowerCase(Locale.ROOT)) {
        case "--records" -> records = value;
        case "--runs" -> runs = value;
        case "--warmup" -> warmup = value;
        case "--configs" -> configs = value;
        case "--linger-ms" -> linger = value;
        case "--rate" -> rate = value;
        case "--seconds" -> seconds = value;
        default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
      }
    }
    return new BenchOptions(records, runs, warmup, configs, linger, rate, seconds);
  }
}
