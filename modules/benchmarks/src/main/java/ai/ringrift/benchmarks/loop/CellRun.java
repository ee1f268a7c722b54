package ai.ringrift.benchmarks.loop;

import ai.ringrift.benchmarks.common.CpuMeter;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import com.codahale.metrics.MetricRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cell of the matrix: a fresh platform, {@code hosts} × {@code configs} publishing for the
 * warm-up and the measured window, then the drain; everything the cell measured.
 */
final class CellRun {
  private static final Logger LOGGER = LoggerFactory.getLogger(CellRun.class);
  private static final int DRAIN_LIMIT_SECONDS = 60;

  /**
   * The hops whose every trigger gets an answer (a sync does not always start an export: that waits
   * for enough new games).
   */
  private static final java.util.Set<Hop> ALWAYS_ANSWERED =
      java.util.EnumSet.of(Hop.BATCH_TO_SYNC, Hop.TRAINED_TO_EVALUATING, Hop.EVALUATED_TO_DECIDED);

  private final LoopOptions options;
  private final Path dir;

  CellRun(LoopOptions options, Path dir) {
    this.options = options;
    this.dir = dir;
  }

  CellResult run(int hosts, int configs) throws Exception {
    List<String> names = new ArrayList<>();
    for (int h = 1; h <= hosts; h++) {
      names.add(String.format("gpu-%04d", h));
    }
    List<ConfigKey> keys = ConfigKeys.all().subList(0, configs);
    double rate = options.batchRate(hosts, configs);
    Path cellDir = dir.resolve("cell-" + hosts + "x" + configs);
    try (LoopUnderTest loop = LoopUnderTest.start(cellDir, names, keys, options.instantPacing())) {
      ServiceContext context = loop.context();
      Map<String, String> apps = new HashMap<>();
      loop.groups().forEach((service, group) -> apps.put(group, service));
      apps.keySet().removeIf(group -> group.startsWith("ringrift.stage."));
      ServiceThreads threads = new ServiceThreads(apps);
      try (LoopObserver observer =
              new LoopObserver(context.kafka(), context.catalog(), context.serdes()).start();
          LagProbe lag = new LagProbe(context.kafka(), loop.groups()).start();
          MemoryProbe memory = new MemoryProbe(2_000).start();
          SelfplayLoad load =
              new SelfplayLoad(
                      names, keys, rate, options.games(), publisher(context), loop::gamesOf)
                  .start()) {
        LOGGER.info(
            "cell {}x{}: {} batches/s, warming up {} s",
            hosts,
            configs,
            rate,
            options.warmupSeconds());
        TimeUnit.SECONDS.sleep(options.warmupSeconds());
        JfrProfile jfr =
            options.jfr()
                ? JfrProfile.start(cellDir.resolveSibling("cell-" + hosts + "x" + configs + ".jfr"))
                : null;
        double load0 = CpuMeter.loadAverage();
        long published0 = load.published();
        double lag0 = lag.now();
        double mem0 = memory.now();
        observer.openWindow();
        CpuMeter cpu = CpuMeter.start(Duration.ofMillis(500));
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(options.seconds());
        observer.closeWindow();
        Map<String, CpuMeter.Usage> usage = cpu.stop(threads::of);
        double seconds = (System.nanoTime() - start) / 1e9;
        long published = load.published() - published0;
        double lag1 = lag.now();
        double mem1 = memory.now();
        double load1 = CpuMeter.loadAverage();
        List<String> profile = new ArrayList<>();
        profile.add("threads counted as " + ServiceThreads.OTHER + ": " + others(threads));
        if (jfr != null) {
          profile.addAll(jfr.stop(threads::of, 6));
          jfr.close();
        }
        load.close();
        CellResult.Drain drain = drain(lag, loop.groups().size(), observer);
        if (!drain.done()) {
          LOGGER.warn(
              "cell {}x{} did not drain within {} s: {}",
              hosts,
              configs,
              DRAIN_LIMIT_SECONDS,
              drain.left());
        }
        Map<Hop, CellResult.HopLatency> hops = new EnumMap<>(Hop.class);
        for (Hop hop : Hop.values()) {
          hops.put(
              hop,
              latency(
                  observer.latencies(hop), observer.answeredEarly(hop), observer.unanswered(hop)));
        }
        return new CellResult(
            hosts,
            configs,
            seconds,
            rate,
            published / seconds,
            observer.counts(),
            hops,
            trends(lag.between(lag0, lag1)),
            drain,
            usage,
            memory.samples().stream()
                .filter(s -> s.seconds() >= mem0 && s.seconds() <= mem1)
                .toList(),
            new double[] {load0, load1},
            profile);
      }
    }
  }

  /** The live threads no service claims, named without their numbers. */
  private static java.util.Set<String> others(ServiceThreads threads) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (threads.of(t).equals(ServiceThreads.OTHER)) {
        names.add(t.getName().replaceAll("[0-9]+", "N"));
      }
    }
    return names;
  }

  private static EventPublisher publisher(ServiceContext context) {
    return EventPublisher.builder()
        .source("bench-selfplay")
        .kafka(context.kafka())
        .catalog(context.catalog())
        .serdes(context.serdes())
        .settings(PublisherSettings.load(context.config()))
        .metrics(new MetricRegistry())
        .build();
  }

  /**
   * Seconds until the services' lag is back at its floor (at most one per partition: a
   * transaction's commit marker takes an offset nobody consumes; at most 12 per service summed) and
   * every trigger of the window that always gets an answer has one, or -1 after the limit, with
   * what was left. Without the second condition a slow cell's latencies would leave out its slowest
   * triggers: those still queued when the lag looks small.
   */
  private static CellResult.Drain drain(LagProbe lag, int services, LoopObserver observer)
      throws Exception {
    long start = System.nanoTime();
    Map<String, LagProbe.Behind> behind = Map.of();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(DRAIN_LIMIT_SECONDS)) {
      behind = lag.read();
      if (behind.values().stream().mapToLong(LagProbe.Behind::lag).sum() <= 12L * services
          && ALWAYS_ANSWERED.stream().allMatch(h -> observer.unanswered(h) == 0)) {
        return new CellResult.Drain((System.nanoTime() - start) / 1e9, Map.of(), Map.of());
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    Map<String, String> left = new LinkedHashMap<>();
    behind.forEach(
        (service, b) -> {
          if (b.lag() > 0) {
            left.put(service, b.lag() + " (" + b.partitions() + " partitions)");
          }
        });
    Map<Hop, Integer> unanswered = new EnumMap<>(Hop.class);
    for (Hop hop : ALWAYS_ANSWERED) {
      int n = observer.unanswered(hop);
      if (n > 0) {
        unanswered.put(hop, n);
      }
    }
    return new CellResult.Drain(-1, left, unanswered);
  }

  private static CellResult.HopLatency latency(Histogram h, int answeredEarly, int unanswered) {
    return new CellResult.HopLatency(
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        answeredEarly,
        unanswered);
  }

  private static Map<String, CellResult.LagTrend> trends(List<LagProbe.Sample> samples) {
    Map<String, CellResult.LagTrend> trends = new LinkedHashMap<>();
    if (samples.isEmpty()) {
      return trends;
    }
    for (String service : samples.get(0).lag().keySet()) {
      double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
      long max = 0;
      long last = 0;
      for (LagProbe.Sample s : samples) {
        long y = s.lag().getOrDefault(service, 0L);
        n++;
        sx += s.seconds();
        sy += y;
        sxx += s.seconds() * s.seconds();
        sxy += s.seconds() * y;
        max = Math.max(max, y);
        last = y;
      }
      double denominator = n * sxx - sx * sx;
      double slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
      trends.put(service, new CellResult.LagTrend(max, last, slope));
    }
    return trends;
  }
}
