package ai.ringrift.benchmarks.streams;

import ai.ringrift.benchmarks.common.Stats;
import ai.ringrift.events.BaselineResult;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.promotion.PromotionControllerApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Decision latency of the promotion controller under exactly-once: an {@code EvaluationCompleted}
 * is published at a steady rate; the time until its decision ({@code ModelPromoted} or {@code
 * PromotionRejected}) is readable by a {@code read_committed} consumer is recorded. Every
 * evaluation gets exactly one decision, so each publish has one latency.
 *
 * <p>Options: {@code --rate 1000} events/s, {@code --seconds 20} measured after {@code --warmup 5}
 * seconds, {@code --runs 3} after {@code --warmup-runs 1} (a whole run to warm the JIT), {@code
 * --bootstrap host:port} (default: an in-JVM broker), {@code --defaults} (Streams' own commit
 * interval and linger instead of config/streams.yaml's), {@code --set key=value} (a Streams
 * property), {@code --timeline} (latency per second of the run).
 */
public final class DecisionLatencyBenchmark {
  private static final List<ConfigKey> CONFIGS = ConfigKeys.all();

  private DecisionLatencyBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int rate = args.integer("rate", 1000);
    int seconds = args.integer("seconds", 20);
    int warmup = args.integer("warmup", 5);
    int runs = args.integer("runs", 3);
    int warmups = args.integer("warmup-runs", 1);
    List<Double> p50s = new ArrayList<>();
    List<Double> p99s = new ArrayList<>();
    try (BenchCluster cluster = BenchCluster.of(args.get("bootstrap", null))) {
      for (int run = 1 - warmups; run <= runs; run++) {
        StreamsSettings settings = StreamsBench.settings(args.flag("defaults"), args.sets());
        long[] sorted =
            Stats.sorted(
                runOnce(
                    cluster,
                    settings,
                    run + warmups,
                    rate,
                    seconds,
                    warmup,
                    args.flag("timeline")));
        double p50 = Stats.percentile(sorted, 50) / 1e6;
        double p99 = Stats.percentile(sorted, 99) / 1e6;
        if (run > 0) {
          p50s.add(p50);
          p99s.add(p99);
        }
        System.out.printf(
            Locale.ROOT,
            "%s: %d decisions at %d/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            run > 0 ? "run " + run : "warm-up run",
            sorted.length,
            rate,
            p50,
            p99,
            sorted[sorted.length - 1] / 1e6);
      }
    }
    System.out.println("decision latency p50: " + Stats.spread(p50s, "ms"));
    System.out.println("decision latency p99: " + Stats.spread(p99s, "ms"));
  }

  static long[] runOnce(
      BenchCluster cluster,
      StreamsSettings settings,
      int run,
      int rate,
      int seconds,
      int warmup,
      boolean timeline)
      throws Exception {
    Map<String, Long> published = new ConcurrentHashMap<>();
    List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    int total = rate * (seconds + warmup);
    startAtTheEnd(cluster, settings.applications().promotionController());
    try (ServiceRuntime runtime = StreamsBench.runtime();
        StreamsApp app =
            StreamsApp.start(
                StreamsBench.context(cluster, runtime), settings, PromotionControllerApp.SPEC);
        KafkaConsumer<byte[], byte[]> reader = reader(cluster);
        KafkaProducer<String, EvaluationCompleted> producer = producer(cluster)) {
      StreamsBench.awaitRunning(app);
      long start = System.nanoTime();
      Thread consumer =
          new Thread(() -> consume(reader, published, latencies, total, start), "decision-reader");
      consumer.start();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      for (int i = 0; i < total; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        EvaluationCompleted e = evaluation(run, i);
        String id = e.getHeader().getEventId();
        published.put(id, i < rate * warmup ? -System.nanoTime() : System.nanoTime());
        producer.send(new ProducerRecord<>(topic(), ConfigKeys.format(e.getConfig()), e));
      }
      consumer.join(TimeUnit.SECONDS.toMillis(60));
      if (consumer.isAlive()) {
        throw new IllegalStateException("decisions missing: " + published.size() + " outstanding");
      }
    }
    if (timeline) {
      printTimeline(latencies);
    }
    return latencies.stream().mapToLong(l -> l[1]).toArray();
  }

  /** Per second of publishing: decisions, p50 and max latency (to see when stalls happen). */
  private static void printTimeline(List<long[]> latencies) {
    Map<Long, List<Long>> bySecond = new java.util.TreeMap<>();
    for (long[] l : latencies) {
      bySecond.computeIfAbsent(l[0] / 1_000_000_000L, k -> new ArrayList<>()).add(l[1]);
    }
    bySecond.forEach(
        (second, values) -> {
          long[] sorted = Stats.sorted(values.stream().mapToLong(Long::longValue).toArray());
          System.out.printf(
              Locale.ROOT,
              "  second %3d: %5d decisions, p50 %7.1f ms, max %7.1f ms%n",
              second,
              sorted.length,
              Stats.percentile(sorted, 50) / 1e6,
              sorted[sorted.length - 1] / 1e6);
        });
  }

  /**
   * Commits the end of the evaluation topic for the fresh app, so it decides only what this run
   * publishes (not the evaluations of earlier runs).
   */
  private static void startAtTheEnd(BenchCluster cluster, String group) throws Exception {
    try (Admin admin = Admin.create(cluster.kafka().clientConfig())) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      int partitions =
          admin
              .describeTopics(List.of(topic()))
              .allTopicNames()
              .get()
              .get(topic())
              .partitions()
              .size();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic(), p), OffsetSpec.latest());
      }
      Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> end.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(group, end).all().get();
    }
  }

  private static void consume(
      KafkaConsumer<byte[], byte[]> reader,
      Map<String, Long> published,
      List<long[]> latencies,
      int total,
      long start) {
    int decided = 0;
    while (decided < total) {
      for (ConsumerRecord<byte[], byte[]> r : reader.poll(java.time.Duration.ofMillis(5))) {
        long now = System.nanoTime();
        Long sent = published.remove(decisionOf(r));
        if (sent == null) {
          throw new IllegalStateException("a decision for an unknown or decided evaluation");
        }
        decided++;
        if (sent > 0) {
          latencies.add(new long[] {sent - start, now - sent});
        }
      }
    }
  }

  private static String decisionOf(ConsumerRecord<byte[], byte[]> r) {
    if (r.topic().equals(StreamsBench.CATALOG.topicFor(ModelPromoted.class).name())) {
      return StreamsBench.SERDES
          .value(ModelPromoted.class)
          .deserializer()
          .deserialize(r.topic(), r.value())
          .getEvaluationEventId();
    }
    return StreamsBench.SERDES
        .value(PromotionRejected.class)
        .deserializer()
        .deserialize(r.topic(), r.value())
        .getEvaluationEventId();
  }

  private static EvaluationCompleted evaluation(int run, int i) {
    ConfigKey config = CONFIGS.get(i % CONFIGS.size());
    String model = "bench-" + run + "-" + i;
    return EvaluationCompleted.newBuilder()
        .setHeader(StreamsBench.header(java.util.UUID.randomUUID().toString(), Instant.now()))
        .setConfig(config)
        .setModelId(model)
        .setModelPath("/models/" + model + ".pth")
        .setElo(1500 + i % 300)
        .setGamesPlayed(200)
        .setWinRate(0.8)
        .setBaselines(
            List.of(
                new BaselineResult("RANDOM", 400.0, 100, 97, 3, 0, 0.97),
                new BaselineResult("HEURISTIC", 900.0, 100, 92, 8, 0, 0.92)))
        .build();
  }

  private static String topic() {
    return StreamsBench.CATALOG.topicFor(EvaluationCompleted.class).name();
  }

  private static KafkaProducer<String, EvaluationCompleted> producer(BenchCluster cluster) {
    Map<String, Object> config = cluster.kafka().clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(
        config,
        StreamsBench.SERDES.key().serializer(),
        StreamsBench.SERDES.value(EvaluationCompleted.class).serializer());
  }

  /** A read_committed reader at the current end of both decision topics. */
  private static KafkaConsumer<byte[], byte[]> reader(BenchCluster cluster) {
    Map<String, Object> config = new HashMap<>(cluster.kafka().clientConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    var reader =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Class<? extends org.apache.avro.specific.SpecificRecord> type :
        List.of(ModelPromoted.class, PromotionRejected.class)) {
      String topic = StreamsBench.CATALOG.topicFor(type).name();
      reader
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    reader.assign(partitions);
    reader.seekToEnd(partitions);
    partitions.forEach(reader::position); // fix the start before anything is published
    return reader;
  }
}
