package ai.ringrift.benchmarks.streams;

import ai.ringrift.benchmarks.common.Stats;
import ai.ringrift.events.BaselineResult;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.signals.SignalComputerApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of the signal computer under exactly-once: {@code --events N} inputs (selfplay
 * batches, with a training and an evaluation now and then, over the twelve configs) are written
 * first; then a fresh signal computer reads them all, emitting its signals. The rate is the inputs
 * over the time from RUNNING to the group's committed offsets reaching the end.
 *
 * <p>Options: {@code --events 500000}, {@code --runs 3} after {@code --warmup-runs 1} (JIT), {@code
 * --bootstrap host:port} (default: an in-JVM broker), {@code --set key=value} (a Streams property).
 */
public final class SignalThroughputBenchmark {
  private static final List<ConfigKey> CONFIGS = ConfigKeys.all();

  private SignalThroughputBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int events = args.integer("events", 500_000);
    int runs = args.integer("runs", 3);
    int warmups = args.integer("warmup-runs", 1);
    List<Double> rates = new ArrayList<>();
    try (BenchCluster cluster = BenchCluster.of(args.get("bootstrap", null));
        Admin admin = Admin.create(cluster.kafka().clientConfig())) {
      List<String> topics = preload(cluster, events);
      Map<TopicPartition, Long> end = endOffsets(admin, topics);
      for (int run = 1 - warmups; run <= runs; run++) {
        StreamsSettings settings = StreamsBench.settings(false, args.sets());
        double seconds = runOnce(cluster, admin, settings, end);
        double rate = events / seconds;
        if (run > 0) {
          rates.add(rate);
        }
        System.out.printf(
            Locale.ROOT,
            "%s %d: %d events in %.2f s = %.0f events/s%n",
            run > 0 ? "run" : "warm-up",
            run > 0 ? run : 1 - run,
            events,
            seconds,
            rate);
      }
    }
    System.out.println("signal computer throughput: " + Stats.spread(rates, "events/s"));
  }

  static double runOnce(
      BenchCluster cluster, Admin admin, StreamsSettings settings, Map<TopicPartition, Long> end)
      throws Exception {
    try (ServiceRuntime runtime = StreamsBench.runtime();
        StreamsApp app =
            StreamsApp.start(
                StreamsBench.context(cluster, runtime), settings, SignalComputerApp.SPEC)) {
      StreamsBench.awaitRunning(app);
      long start = System.nanoTime();
      String group = settings.applications().signalComputer();
      while (!caughtUp(admin, group, end)) {
        TimeUnit.MILLISECONDS.sleep(20);
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
          throw new IllegalStateException("the signal computer did not catch up in 10 minutes");
        }
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** Writes the inputs; returns their topics. */
  static List<String> preload(BenchCluster cluster, int events) throws Exception {
    Map<String, Object> config = cluster.kafka().clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    Instant t0 = Instant.now().minusSeconds(events / 1000 + 3600);
    try (var producer =
        new KafkaProducer<String, SpecificRecord>(
            config, StreamsBench.SERDES.key().serializer(), new AnyEventSerializer())) {
      for (int i = 0; i < events; i++) {
        SpecificRecord event = event(i, t0.plusMillis(i));
        TopicSpec topic = StreamsBench.CATALOG.topicFor(event.getClass());
        producer.send(new ProducerRecord<>(topic.name(), topic.key().keyOf(event), event));
      }
      producer.flush();
    }
    return List.of(
        StreamsBench.CATALOG.topicFor(SelfplayBatchCompleted.class).name(),
        StreamsBench.CATALOG.topicFor(TrainingCompleted.class).name(),
        StreamsBench.CATALOG.topicFor(EvaluationCompleted.class).name());
  }

  /**
   * Round-robin over the configs; per config mostly selfplay batches of 50 games, every 10th input
   * an evaluation and every 100th a training (so a config trains after about 4 500 new games).
   */
  static SpecificRecord event(int i, Instant at) {
    ConfigKey config = CONFIGS.get(i % CONFIGS.size());
    int round = i / CONFIGS.size();
    String id = "bench-" + i;
    if (round % 100 == 99) {
      return new TrainingCompleted(
          StreamsBench.header(id, at),
          config,
          "job-" + i,
          "m-" + i,
          "/m/" + i,
          20,
          0.5,
          85_000L,
          0.0);
    }
    if (round % 10 == 9) {
      return EvaluationCompleted.newBuilder()
          .setHeader(StreamsBench.header(id, at))
          .setConfig(config)
          .setModelId("m-" + i)
          .setModelPath("/m/" + i)
          .setElo(1500 + i % 200)
          .setGamesPlayed(200)
          .setWinRate(0.4 + (i % 30) / 100.0)
          .setBaselines(List.of(new BaselineResult("RANDOM", 400.0, 100, 95, 5, 0, 0.95)))
          .build();
    }
    return new SelfplayBatchCompleted(
        StreamsBench.header(id, at), config, "node-" + i % 15, 50, 50L * i, "/games", null, 1.0);
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (String topic : topics) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> end)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      OffsetAndMetadata at = committed.get(e.getKey());
      if (e.getValue() > 0 && (at == null || at.offset() < e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Serializes any event with the serde of its type. */
  static final class AnyEventSerializer
      implements org.apache.kafka.common.serialization.Serializer<SpecificRecord> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord event) {
      Class type = event.getClass();
      return StreamsBench.SERDES.value(type).serializer().serialize(topic, event);
    }
  }
}
