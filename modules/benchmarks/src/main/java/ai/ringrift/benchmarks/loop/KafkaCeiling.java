package ai.ringrift.benchmarks.loop;

import ai.ringrift.benchmarks.common.KafkaToolRun;
import ai.ringrift.events.catalog.TopicAdmin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.tools.EndToEndLatency;

/**
 * What the broker alone does on this machine, in this run, for records of the loop's size: Kafka's
 * {@code ProducerPerformance} (throughput, its default sticky spread and keyed like the batches)
 * and {@code EndToEndLatency} (one record at a time, produce to consume, {@code acks=all}).
 *
 * @param recordBytes the record size both tools used
 * @param stickyPerSecond ProducerPerformance, records/s, sticky partitioner (the tool's default)
 * @param keyedPerSecond ProducerPerformance, records/s, spread like the batches' config keys
 * @param e2eP50Ms EndToEndLatency median (ms, whole milliseconds as the tool prints them)
 * @param e2eP99Ms EndToEndLatency p99
 * @param e2eP999Ms EndToEndLatency p99.9
 * @param e2eAvgMs EndToEndLatency mean
 */
record KafkaCeiling(
    int recordBytes,
    double stickyPerSecond,
    double keyedPerSecond,
    double e2eP50Ms,
    double e2eP99Ms,
    double e2eP999Ms,
    double e2eAvgMs) {
  private static final Pattern PERCENTILES =
      Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");
  private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");

  /** Runs both tools against {@code bootstrap} on topics of their own. */
  static KafkaCeiling measure(
      String bootstrap, int recordBytes, int configs, int records, int latencyRecords)
      throws Exception {
    createTopics(bootstrap, "warmup", "sticky", "keyed");
    // a first pass warms the JIT and the broker's log; the second is the one that counts
    KafkaToolRun.run(
        bootstrap,
        "bench.loop-ceiling-warmup",
        records / 2,
        recordBytes,
        5,
        KafkaToolRun.Spread.STICKY,
        configs);
    double sticky =
        KafkaToolRun.run(
            bootstrap,
            "bench.loop-ceiling-sticky",
            records,
            recordBytes,
            5,
            KafkaToolRun.Spread.STICKY,
            configs);
    double keyed =
        KafkaToolRun.run(
            bootstrap,
            "bench.loop-ceiling-keyed",
            records,
            recordBytes,
            5,
            KafkaToolRun.Spread.KEYED,
            configs);
    String output =
        endToEnd(
            "--bootstrap-server",
            bootstrap,
            "--topic",
            "bench.loop-ceiling-e2e",
            "--num-records",
            Integer.toString(latencyRecords),
            "--producer-acks",
            "all",
            "--record-size",
            Integer.toString(recordBytes));
    Matcher p = PERCENTILES.matcher(output);
    Matcher a = AVERAGE.matcher(output);
    if (!p.find() || !a.find()) {
      throw new IllegalStateException("EndToEndLatency printed no percentiles:\n" + output);
    }
    return new KafkaCeiling(
        recordBytes,
        sticky,
        keyed,
        Double.parseDouble(p.group(1)),
        Double.parseDouble(p.group(2)),
        Double.parseDouble(p.group(3)),
        Double.parseDouble(a.group(1)));
  }

  /** Topics like the batches' (6 partitions) for ProducerPerformance; the broker creates none. */
  private static void createTopics(String bootstrap, String... names) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String name : names) {
        topics.add(new NewTopic("bench.loop-ceiling-" + name, 6, (short) 1));
      }
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
      Set<String> created = new HashSet<>();
      topics.forEach(t -> created.add(t.name()));
      new TopicAdmin(admin, Duration.ofSeconds(60)).awaitLeaders(created);
    }
    touch(bootstrap, names);
  }

  /**
   * Writes one record to every partition and waits for each: a partition whose leader the
   * controller named may not lead yet on a busy machine, and the tool's idempotent producer does
   * not recover from a first send that fails that way.
   */
  private static void touch(String bootstrap, String... names) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String name : names) {
        for (int p = 0; p < 6; p++) {
          producer
              .send(new ProducerRecord<>("bench.loop-ceiling-" + name, p, null, new byte[1]))
              .get(120, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** The tool prints to System.out and its main exits the JVM: borrow the one, skip the other. */
  private static synchronized String endToEnd(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(print);
      Method main = EndToEndLatency.class.getDeclaredMethod("mainNoExit", String[].class);
      main.setAccessible(true);
      int code = (int) main.invoke(null, (Object) args);
      if (code != 0) {
        throw new IllegalStateException("EndToEndLatency exited " + code);
      }
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("EndToEndLatency failed: " + e.getCause(), e.getCause());
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "Kafka alone, %d B records, acks=all: ProducerPerformance %.0f records/s (sticky),"
            + " %.0f records/s (keyed like the batches); EndToEndLatency p50 %.0f ms, p99 %.0f ms,"
            + " p99.9 %.0f ms, mean %.2f ms",
        recordBytes,
        stickyPerSecond,
        keyedPerSecond,
        e2eP50Ms,
        e2eP99Ms,
        e2eP999Ms,
        e2eAvgMs);
  }
}
