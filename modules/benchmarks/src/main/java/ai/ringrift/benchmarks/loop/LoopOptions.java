package ai.ringrift.benchmarks.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the loop benchmark runs.
 *
 * @param hosts the numbers of simulated selfplay hosts, one cell per number and config count
 * @param configs the numbers of configs (the first 1 to 12 of the twelve real ones)
 * @param seconds measured seconds per cell
 * @param warmupSeconds seconds of load before the measurement starts (JIT, first models)
 * @param intervalSeconds seconds between two batches of one host for one config; a cell offers
 *     hosts × configs / interval batches per second
 * @param games games per batch
 * @param instantPacing cooldowns and the minimum training interval set to 0, so that every hop
 *     fires as soon as its trigger arrives; false keeps the configured ones
 * @param toolRecords records of each run of Kafka's ProducerPerformance
 * @param latencyRecords records of Kafka's EndToEndLatency
 * @param jfr record a JFR profile of every cell and say where the time went
 * @param out where the report, the table and the plots go
 */
record LoopOptions(
    List<Integer> hosts,
    List<Integer> configs,
    int seconds,
    int warmupSeconds,
    double intervalSeconds,
    int games,
    boolean instantPacing,
    int toolRecords,
    int latencyRecords,
    boolean jfr,
    Path out) {
  static final String USAGE =
      "options: --hosts 10,100,1000 --configs 1,4,12 --seconds 60 --warmup 20"
          + " --interval 60 (seconds between batches of one host and config) --games 50"
          + " --pacing instant|configured --tool-records 500000 --latency-records 5000"
          + " --jfr --out target/loop-benchmark"
          + " --quick (a tiny grid, 2 hosts x 1,2 configs, 15 s each, for a smoke run; later options win)";

  LoopOptions {
    hosts = List.copyOf(hosts);
    configs = List.copyOf(configs);
    if (hosts.isEmpty() || hosts.stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("--hosts must list positive numbers; " + USAGE);
    }
    if (configs.isEmpty() || configs.stream().anyMatch(c -> c < 1 || c > 12)) {
      throw new IllegalArgumentException("--configs must list numbers from 1 to 12; " + USAGE);
    }
    if (seconds < 5 || warmupSeconds < 0 || intervalSeconds <= 0 || games < 1) {
      throw new IllegalArgumentException(
          "--seconds must be at least 5, --interval and --games positive; " + USAGE);
    }
  }

  static LoopOptions parse(String... args) {
    List<Integer> hosts = List.of(10, 100, 1000);
    List<Integer> configs = List.of(1, 4, 12);
    int seconds = 60;
    int warmup = 20;
    double interval = 60;
    int games = 50;
    boolean instant = true;
    int toolRecords = 500_000;
    int latencyRecords = 5_000;
    boolean jfr = false;
    Path out = Path.of("target/loop-benchmark");
    if (List.of(args).contains("--quick")) {
      hosts = List.of(2);
      configs = List.of(1, 2);
      seconds = 15;
      warmup = 10;
      interval = 2;
      toolRecords = 20_000;
      latencyRecords = 200;
    }
    for (int i = 0; i < args.length; i++) {
      String name = args[i].toLowerCase(Locale.ROOT);
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (name.equals("--jfr") || name.equals("--quick")) {
        jfr |= name.equals("--jfr");
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value; " + USAGE);
      }
      String value = args[++i];
      try {
        switch (name) {
          case "--hosts" -> hosts = numbers(value);
          case "--configs" -> configs = numbers(value);
          case "--seconds" -> seconds = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--interval" -> interval = Double.parseDouble(value);
          case "--games" -> games = Integer.parseInt(value);
          case "--pacing" -> instant = pacing(value);
          case "--tool-records" -> toolRecords = Integer.parseInt(value);
          case "--latency-records" -> latencyRecords = Integer.parseInt(value);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " takes a number, not '" + value + "'");
      }
    }
    return new LoopOptions(
        hosts,
        configs,
        seconds,
        warmup,
        interval,
        games,
        instant,
        toolRecords,
        latencyRecords,
        jfr,
        out);
  }

  private static boolean pacing(String value) {
    return switch (value) {
      case "instant" -> true;
      case "configured" -> false;
      default ->
          throw new IllegalArgumentException("--pacing is instant or configured, not " + value);
    };
  }

  private static List<Integer> numbers(String list) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : list.split(",")) {
      numbers.add(Integer.parseInt(part.trim()));
    }
    return numbers;
  }

  /** Batches per second a cell of {@code hosts} × {@code configs} offers. */
  double batchRate(int hosts, int configs) {
    return hosts * configs / intervalSeconds;
  }
}
