package ai.ringrift.benchmarks.loop;

import ai.ringrift.benchmarks.common.CpuMeter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The benchmark's tables, as Markdown (printed, and written beside the plots). */
final class LoopReport {
  private LoopReport() {}

  static double syncedPerSecond(CellResult c) {
    return c.hops().get(Hop.BATCH_TO_SYNC).count() / c.seconds();
  }

  static double worstP99(CellResult c) {
    return c.hops().values().stream().mapToDouble(CellResult.HopLatency::p99).max().orElse(0);
  }

  static List<String> throughput(List<CellResult> cells, KafkaCeiling k) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| hosts | configs | batches/s offered | published | synced | sync reports/s (games + models)"
            + " | exports/s | trainings/s"
            + " | evaluations/s | decisions/s | all events/s | ÷ ProducerPerformance | sustained"
            + " | drain s | load avg |");
    lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
    for (CellResult c : cells) {
      lines.add(
          f(
              "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.4f | %s"
                  + " | %.1f | %.1f–%.1f |",
              c.hosts(),
              c.configs(),
              c.offeredPerSecond(),
              c.publishedPerSecond(),
              syncedPerSecond(c),
              c.rate("ringrift.sync.completed"),
              c.rate("ringrift.export.completed"),
              c.rate("ringrift.training.completed"),
              c.rate("ringrift.evaluation.completed"),
              c.rate("ringrift.promotion.rejected") + c.rate("ringrift.model.promoted"),
              c.allEventsPerSecond(),
              c.allEventsPerSecond() / k.stickyPerSecond(),
              c.sustained() ? "yes" : "NO: " + String.join("; ", c.whyNotSustained()),
              c.drain().seconds(),
              c.loadAverage()[0],
              c.loadAverage()[1]));
    }
    return lines;
  }

  static List<String> latency(List<CellResult> cells, KafkaCeiling k) {
    List<String> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder("| hosts | configs |");
    StringBuilder rule = new StringBuilder("|---:|---:|");
    for (Hop hop : Hop.values()) {
      head.append(' ').append(hop.label()).append(" p50 / p99 / max ms (n) |");
      rule.append("---:|");
    }
    head.append(" worst p99 ÷ Kafka e2e p99 |");
    rule.append("---:|");
    lines.add(head.toString());
    lines.add(rule.toString());
    for (CellResult c : cells) {
      StringBuilder row = new StringBuilder(f("| %d | %d |", c.hosts(), c.configs()));
      for (Hop hop : Hop.values()) {
        CellResult.HopLatency l = c.hops().get(hop);
        row.append(
            l.count() == 0
                ? " – |"
                : f(" %.1f / %.1f / %.0f (%d%s) |", l.p50(), l.p99(), l.max(), l.count(), more(l)));
      }
      row.append(f(" %.1f |", worstP99(c) / Math.max(1, k.e2eP99Ms())));
      lines.add(row.toString());
    }
    return lines;
  }

  /** The triggers of a hop not in its latencies: answered early, or not answered. */
  private static String more(CellResult.HopLatency l) {
    return (l.answeredEarly() == 0 ? "" : f(", %d answer read first", l.answeredEarly()))
        + (l.unanswered() == 0 ? "" : f(", %d unanswered", l.unanswered()));
  }

  static List<String> cost(List<CellResult> cells) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| hosts | configs | cores used | CPU µs / batch synced | allocated KB / batch synced | RSS MiB (end)"
            + " | heap after GC MiB (start → end) | top CPU per batch |");
    lines.add("|---:|---:|---:|---:|---:|---:|---|---|");
    for (CellResult c : cells) {
      double batches = Math.max(1, c.synced());
      long cpu = c.usage().values().stream().mapToLong(CpuMeter.Usage::cpuNanos).sum();
      long bytes = c.usage().values().stream().mapToLong(CpuMeter.Usage::bytes).sum();
      List<MemoryProbe.Sample> m = c.memory();
      lines.add(
          f(
              "| %d | %d | %.2f | %.0f | %.0f | %.0f | %s | %s |",
              c.hosts(),
              c.configs(),
              c.cores(),
              cpu / batches / 1e3,
              bytes / batches / 1024,
              m.isEmpty() ? -1 : m.get(m.size() - 1).rssMb(),
              m.isEmpty()
                  ? "–"
                  : f("%.0f → %.0f", m.get(0).oldAfterGcMb(), m.get(m.size() - 1).oldAfterGcMb()),
              top(c, 3)));
    }
    return lines;
  }

  /** Per service of one cell: CPU and allocation per batch, and its lag. */
  static List<String> services(CellResult c) {
    List<String> lines = new ArrayList<>();
    lines.add(f("%d hosts × %d configs, per service:", c.hosts(), c.configs()));
    lines.add(
        "| service | CPU µs / batch synced | share | allocated KB / batch synced | lag max / last | lag slope /s |");
    lines.add("|---|---:|---:|---:|---:|---:|");
    double batches = Math.max(1, c.synced());
    long total = c.usage().values().stream().mapToLong(CpuMeter.Usage::cpuNanos).sum();
    c.usage().entrySet().stream()
        .sorted(Comparator.comparingLong(e -> -e.getValue().cpuNanos()))
        .forEach(
            e -> {
              CellResult.LagTrend lag = c.lag().get(e.getKey());
              lines.add(
                  f(
                      "| %s | %.0f | %.0f %% | %.1f | %s | %s |",
                      e.getKey(),
                      e.getValue().cpuNanos() / batches / 1e3,
                      100.0 * e.getValue().cpuNanos() / Math.max(1, total),
                      e.getValue().bytes() / batches / 1024,
                      lag == null ? "–" : lag.max() + " / " + lag.last(),
                      lag == null ? "–" : f("%.2f", lag.slopePerSecond())));
            });
    lines.add("");
    lines.add(
        c.drain().done()
            ? f("drained %.1f s after the load stopped", c.drain().seconds())
            : "not drained within the limit; left: " + c.drain().left());
    lines.add("events in the window: " + c.events());
    return lines;
  }

  /** The memory trend of a cell: MiB per minute of RSS and of the old generation after GC. */
  static String memoryTrend(CellResult c) {
    List<MemoryProbe.Sample> m = c.memory();
    if (m.size() < 3) {
      return "too few memory readings";
    }
    return f(
        "memory over %.1f min (%d readings): RSS %.0f → %.0f MiB (%+.2f MiB/min),"
            + " heap after GC %.0f → %.0f MiB (%+.2f MiB/min), heap in use max %.0f MiB",
        (m.get(m.size() - 1).seconds() - m.get(0).seconds()) / 60,
        m.size(),
        m.get(0).rssMb(),
        m.get(m.size() - 1).rssMb(),
        slope(m, MemoryProbe.Sample::rssMb),
        m.get(0).oldAfterGcMb(),
        m.get(m.size() - 1).oldAfterGcMb(),
        slope(m, MemoryProbe.Sample::oldAfterGcMb),
        m.stream().mapToDouble(MemoryProbe.Sample::heapMb).max().orElse(0));
  }

  private static double slope(
      List<MemoryProbe.Sample> m, java.util.function.ToDoubleFunction<MemoryProbe.Sample> y) {
    double n = m.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (MemoryProbe.Sample s : m) {
      double x = s.seconds() / 60;
      double v = y.applyAsDouble(s);
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    double d = n * sxx - sx * sx;
    return d == 0 ? 0 : (n * sxy - sx * sy) / d;
  }

  private static String top(CellResult c, int n) {
    double batches = Math.max(1, c.synced());
    List<String> parts = new ArrayList<>();
    c.usage().entrySet().stream()
        .sorted(Comparator.comparingLong(e -> -e.getValue().cpuNanos()))
        .limit(n)
        .forEach(e -> parts.add(f("%s %.0f", e.getKey(), e.getValue().cpuNanos() / batches / 1e3)));
    return String.join(", ", parts);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
