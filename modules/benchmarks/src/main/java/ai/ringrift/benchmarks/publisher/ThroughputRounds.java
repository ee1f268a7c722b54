package ai.ringrift.benchmarks.publisher;

import ai.ringrift.benchmarks.common.CpuMeter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Runs Kafka's tool (sticky and keyed) and our publisher in rounds and reports their rates, the
 * ratios and the CPU each spent per record. Every contestant is treated alike: each is warmed up on
 * its own topic, each measured run starts after a full GC (so no run pays for the garbage of the
 * one before), and who goes first rotates from round to round.
 */
final class ThroughputRounds {
  private static final int STICKY = 0;
  private static final int KEYED = 1;
  private static final int OURS = 2;

  /** One producer under test: sends {@code records} records and returns its records per second. */
  interface Contestant {
    double run(int records) throws Exception;
  }

  private final List<Contestant> contestants;
  private final PrintStream out;
  private final List<List<CpuMeter.Spent>> cpu = List.of(list(), list(), list());

  /**
   * {@code sticky}, {@code keyed}: Kafka's tool with either spread; {@code ours}: the publisher.
   */
  ThroughputRounds(Contestant sticky, Contestant keyed, Contestant ours, PrintStream out) {
    this.contestants = List.of(sticky, keyed, ours);
    this.out = out;
  }

  /**
   * Sends {@code records} records with every contestant, in two passes of half as many each, so
   * that the JIT has seen all three (their callbacks, partitioners and serializers) before the
   * first measured run: otherwise code compiled for one is thrown away when the next one runs.
   */
  void warmUp(int records) throws Exception {
    for (int pass = 0; pass < 2; pass++) {
      for (Contestant contestant : contestants) {
        contestant.run(Math.max(1, records / 2));
      }
    }
  }

  void run(int records, int runs) throws Exception {
    List<Double> likeForLike = new ArrayList<>();
    List<Double> versusDefault = new ArrayList<>();
    out.printf(
        "%-4s %14s %14s %14s %8s %8s %6s   %s%n",
        "run",
        "kafka sticky",
        "kafka keyed",
        "ringrift",
        "/keyed",
        "/sticky",
        "load",
        "cores used by the process: sticky keyed ringrift");
    for (int run = 1; run <= runs; run++) {
      double[] rates = new double[3];
      for (int turn = 0; turn < 3; turn++) {
        int which = (turn + run) % 3;
        rates[which] = measure(which, records);
      }
      likeForLike.add(rates[OURS] / rates[KEYED]);
      versusDefault.add(rates[OURS] / rates[STICKY]);
      out.printf(
          "%-4d %14.0f %14.0f %14.0f %8.3f %8.3f %6.2f   %.2f %.2f %.2f%n",
          run,
          rates[STICKY],
          rates[KEYED],
          rates[OURS],
          rates[OURS] / rates[KEYED],
          rates[OURS] / rates[STICKY],
          CpuMeter.loadAverage(),
          cores(STICKY, rates),
          cores(KEYED, rates),
          cores(OURS, rates));
    }
    out.println(summary("ours / kafka keyed like our events (like for like)", likeForLike));
    out.println(summary("ours / kafka sticky (the tool's default)", versusDefault));
    out.println(
        "CPU us per record (median of runs): process = caller thread + producer I/O thread"
            + " + other threads (broker, registry) + GC/JIT/VM; bytes allocated per record;"
            + " per run: collections, GC pause ms, JIT ms");
    out.printf("  kafka sticky %s%n", cpuMedian(STICKY));
    out.printf("  kafka keyed  %s%n", cpuMedian(KEYED));
    out.printf("  ringrift     %s%n", cpuMedian(OURS));
  }

  private double measure(int which, int records) throws Exception {
    System.gc(); // each run starts with an empty young generation
    CpuMeter meter = CpuMeter.start();
    double rate = contestants.get(which).run(records);
    cpu.get(which).add(meter.stop(records));
    return rate;
  }

  /**
   * CPU seconds the process got per second of the last run of {@code which}: with per-record CPU
   * alike, a rate that differs follows this share of a shared machine, not the producer's cost.
   */
  private double cores(int which, double[] rates) {
    List<CpuMeter.Spent> samples = cpu.get(which);
    return samples.get(samples.size() - 1).process() * rates[which] / 1e6;
  }

  private String cpuMedian(int which) {
    List<CpuMeter.Spent> samples = cpu.get(which);
    return String.format(
        "%.2f = %.2f + %.2f + %.2f + %.2f; allocated B/record %.0f caller, %.0f all;"
            + " %.0f collections, %.0f ms GC, %.0f ms JIT",
        median(samples, CpuMeter.Spent::process),
        median(samples, CpuMeter.Spent::caller),
        median(samples, CpuMeter.Spent::producerIo),
        median(samples, CpuMeter.Spent::otherThreads),
        median(samples, CpuMeter.Spent::vm),
        median(samples, CpuMeter.Spent::callerBytes),
        median(samples, CpuMeter.Spent::allBytes),
        median(samples, CpuMeter.Spent::collections),
        median(samples, CpuMeter.Spent::gcMs),
        median(samples, CpuMeter.Spent::jitMs));
  }

  private static double median(
      List<CpuMeter.Spent> samples, ToDoubleFunction<CpuMeter.Spent> part) {
    List<Double> values = new ArrayList<>();
    for (CpuMeter.Spent sample : samples) {
      values.add(part.applyAsDouble(sample));
    }
    return median(values);
  }

  private static String summary(String what, List<Double> ratios) {
    List<Double> sorted = new ArrayList<>(ratios);
    Collections.sort(sorted);
    return String.format(
        "ratio %s over %d runs: min %.3f  median %.3f  max %.3f  (target >= 0.9)",
        what, sorted.size(), sorted.get(0), median(sorted), sorted.get(sorted.size() - 1));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static List<CpuMeter.Spent> list() {
    return new ArrayList<>();
  }
}
