package ai.ringrift.benchmarks.loop;

import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import ai.ringrift.benchmarks.common.CpuMeter;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The whole loop at scale: for every number of simulated selfplay hosts and of configs, a fresh
 * platform (broker, schema registry, Streams apps, stage services with {@link InstantActions})
 * takes batches at a set rate while the harness measures throughput per stage, consumer lag, the
 * latency of each hop, CPU and allocation per service and memory; Kafka's own ProducerPerformance
 * and EndToEndLatency run first on the same machine with the batches' record size, so every figure
 * has the broker's ceiling beside it. Writes {@code report.md} and the plots to {@code --out}.
 *
 * <p>Run with {@code scripts/bench-loop [options]} ({@link LoopOptions#USAGE}); never part of
 * {@code mvn verify}. The report goes to standard output (this is a command-line tool).
 */
public final class LoopBenchmark {
  /**
   * What one run measured and wrote.
   *
   * @param ceiling Kafka's own figures
   * @param cells one result per hosts × configs
   * @param report the lines of {@code report.md}
   */
  record Outcome(KafkaCeiling ceiling, List<CellResult> cells, List<String> report) {}

  private LoopBenchmark() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT); // Kafka's tools format numbers with the default locale
    LoopOptions options;
    try {
      options = LoopOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-loop: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(options, String.join(" ", args));
    System.out.println("report and plots in " + options.out().toAbsolutePath());
    System.exit(0); // a Kafka client thread of a closed platform must not keep the JVM alive
  }

  /**
   * Runs the grid of {@code options}, writes {@code report.md} and the plots to its output
   * directory; the platforms' data lives in a temporary directory removed at the end.
   */
  static Outcome run(LoopOptions options, String command) throws Exception {
    Files.createDirectories(options.out());
    Path data = Files.createTempDirectory("ringrift-bench-loop-");
    List<String> report = new ArrayList<>();
    Outcome outcome;
    try {
      outcome = run(options, data, report, command);
    } finally {
      deleteQuietly(data);
    }
    Files.write(options.out().resolve("report.md"), report, StandardCharsets.UTF_8);
    return outcome;
  }

  private static Outcome run(LoopOptions options, Path data, List<String> report, String command)
      throws Exception {
    say(report, "# The loop at scale");
    say(report, "");
    say(report, "command: `scripts/bench-loop " + command + "`");
    say(report, machine());
    KafkaCeiling ceiling = ceiling(options, data.resolve("ceiling"));
    say(report, ceiling.describe());
    List<CellResult> cells = new ArrayList<>();
    for (int configs : options.configs()) {
      for (int hosts : options.hosts()) {
        CellResult cell = new CellRun(options, data).run(hosts, configs);
        cells.add(cell);
        System.out.println(LoopReport.throughput(List.of(cell), ceiling).get(2));
        System.out.println(LoopReport.latency(List.of(cell), ceiling).get(2));
      }
    }
    say(report, "");
    say(report, "## Throughput");
    LoopReport.throughput(cells, ceiling).forEach(l -> say(report, l));
    say(report, "");
    say(report, "## Latency per hop");
    LoopReport.latency(cells, ceiling).forEach(l -> say(report, l));
    say(report, "");
    say(report, "## Cost");
    LoopReport.cost(cells).forEach(l -> say(report, l));
    for (CellResult cell : cells) {
      say(report, "");
      LoopReport.services(cell).forEach(l -> say(report, l));
      say(report, "");
      say(report, LoopReport.memoryTrend(cell));
      cell.profile().forEach(l -> say(report, l));
    }
    LoopPlots.throughput(cells, ceiling, options.out().resolve("loop-throughput.png"));
    LoopPlots.latency(cells, ceiling, options.out().resolve("loop-p99.png"));
    CellResult longest = Collections.max(cells, (a, b) -> Double.compare(a.batches(), b.batches()));
    LoopPlots.memory(longest, options.out().resolve("loop-memory.png"));
    say(report, "");
    say(report, f("load average at the end: %.1f", CpuMeter.loadAverage()));
    return new Outcome(ceiling, List.copyOf(cells), List.copyOf(report));
  }

  private static KafkaCeiling ceiling(LoopOptions options, Path dir) throws Exception {
    try (EmbeddedPlatform platform =
        EmbeddedPlatform.start(
            new EmbeddedPlatformSettings(dir, "localhost", 0, 0, false, null, 0), line -> {})) {
      int size = recordSize(platform);
      return KafkaCeiling.measure(
          platform.bootstrapServers(), size, 12, options.toolRecords(), options.latencyRecords());
    }
  }

  /** Bytes of a batch on the wire (registry-framed value, header filled) plus its config key. */
  private static int recordSize(EmbeddedPlatform platform) {
    KafkaSettings kafka =
        KafkaSettings.of(platform.bootstrapServers()).withSchemaRegistry(platform.registryUrl());
    EventSerdes serdes = EventSerdes.from(kafka, platform.catalog());
    String id = UUID.randomUUID().toString();
    SelfplayBatchCompleted batch =
        new SelfplayBatchCompleted(
            new EventHeader(id, "bench-selfplay", Instant.now(), id, null, null, null),
            ConfigKeys.all().get(0),
            "gpu-0001",
            50,
            50L * 1234,
            "/tmp/ringrift-bench-loop/training/games/square8_2p/gpu-0001",
            null,
            60.0);
    String topic = platform.catalog().topicFor(SelfplayBatchCompleted.class).name();
    byte[] value = serdes.value(SelfplayBatchCompleted.class).serializer().serialize(topic, batch);
    return value.length + "square8_2p".length();
  }

  private static String machine() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return f(
        "machine: %d cores, %.1f GiB RAM, %s %s, Java %s; load average at the start %.1f",
        Runtime.getRuntime().availableProcessors(),
        os.getTotalMemorySize() / 1073741824.0,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        CpuMeter.loadAverage());
  }

  private static void say(List<String> report, String line) {
    report.add(line);
    System.out.println(line);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
