package ai.ringrift.benchmarks.publisher;

import static ai.ringrift.benchmarks.common.KafkaToolRun.Spread.KEYED;
import static ai.ringrift.benchmarks.common.KafkaToolRun.Spread.STICKY;

import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import ai.ringrift.benchmarks.common.ConfigKeyPartitioner;
import ai.ringrift.benchmarks.common.KafkaToolRun;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.catalog.TopicAdmin;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Our publisher beside Kafka's own producer benchmark on the embedded platform (a real KRaft broker
 * with the catalog applied): same record count, same bytes per record, {@code acks=all}, same
 * {@code linger.ms}; then end-to-end publish→handler latency at a fixed rate.
 *
 * <p>Kafka's tool sends keyless records; by default its sticky partitioner fills one partition's
 * batch at a time. Our events are keyed by config (that is what keeps a config's events in order),
 * so they spread record by record over the partitions the keys hash to. The tool therefore runs
 * twice per round: with its default, and with {@link ConfigKeyPartitioner}, which sends each of its
 * records to the partition our record of the same position goes to; the second is the like-for-like
 * baseline. Both time themselves alike, from the first send until the producer is closed.
 *
 * <p>Run with {@code scripts/bench-publisher [options]}; never part of {@code mvn verify}. The
 * report goes to standard output (this is a command-line tool).
 */
public final class PublisherBenchmark {
  private final BenchOptions options;
  private final String bootstrap;
  private final OurPublisherRun ours;
  private final int size;
  private final PrintStream out;

  private PublisherBenchmark(
      BenchOptions options, String bootstrap, OurPublisherRun ours, int size, PrintStream out) {
    this.options = options;
    this.bootstrap = bootstrap;
    this.ours = ours;
    this.size = size;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT); // Kafka's tool formats its rate with the default locale
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-publisher: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path data = Files.createTempDirectory("ringrift-bench-");
    try (EmbeddedPlatform platform =
        EmbeddedPlatform.start(
            new EmbeddedPlatformSettings(data, "localhost", 0, 0, false, null, 0), line -> {})) {
      run(options, platform, System.out);
    } finally {
      deleteQuietly(data);
    }
  }

  private static void run(BenchOptions options, EmbeddedPlatform platform, PrintStream out)
      throws Exception {
    TopicCatalog catalog = platform.catalog();
    // as a service runs: Confluent-framed Avro through the platform's schema registry
    KafkaSettings kafka =
        KafkaSettings.of(platform.bootstrapServers()).withSchemaRegistry(platform.registryUrl());
    EventSerdes serdes = EventSerdes.from(kafka, platform.config(), catalog);
    PublisherSettings defaults = PublisherSettings.defaults();
    OurPublisherRun ours =
        new OurPublisherRun(
            kafka,
            catalog,
            serdes,
            new PublisherSettings(
                defaults.maxBlockMs(),
                defaults.deliveryTimeoutMs(),
                defaults.requestTimeoutMs(),
                options.lingerMs()),
            options.configs());
    TopicSpec topic = catalog.topicFor(TrainingProgress.class);
    int value = ours.valueSize();
    // the tool sends no key: its value carries our key's bytes too, so both send the same bytes
    int size = value + "square8_2p".length();
    out.printf(
        "RingRift publisher vs Kafka's ProducerPerformance on %s: %d records of %d B"
            + " (TrainingProgress %d B registry-framed + config key; keys over %d config%s),"
            + " acks=all,"
            + " linger.ms=%d, %d partitions%n",
        platform.bootstrapServers(),
        options.records(),
        size,
        value,
        options.configs(),
        options.configs() == 1 ? "" : "s",
        options.lingerMs(),
        topic.partitions());
    PublisherBenchmark bench =
        new PublisherBenchmark(options, platform.bootstrapServers(), ours, size, out);
    bench.throughput(topic);
    bench.latency(kafka, catalog, serdes);
  }

  private void throughput(TopicSpec like) throws Exception {
    String sticky = createLike(like, "bench.producer-performance");
    String keyed = createLike(like, "bench.producer-performance-keyed");
    ThroughputRounds rounds =
        new ThroughputRounds(
            records -> tool(sticky, STICKY, records),
            records -> tool(keyed, KEYED, records),
            ours::run,
            out);
    if (options.warmupRecords() > 0) {
      rounds.warmUp(options.warmupRecords());
    }
    rounds.run(options.records(), options.runs());
  }

  private double tool(String topic, KafkaToolRun.Spread spread, int records) throws Exception {
    return KafkaToolRun.run(
        bootstrap, topic, records, size, options.lingerMs(), spread, options.configs());
  }

  private void latency(KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes)
      throws InterruptedException {
    LatencyRun.Result latency =
        LatencyRun.run(ours, kafka, catalog, serdes, options.rate(), options.seconds());
    out.printf(
        "end-to-end publish->handler latency at %d events/s for %d s (n=%d): p50 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms%n",
        options.rate(),
        options.seconds(),
        latency.count(),
        latency.p50(),
        latency.p99(),
        latency.max());
  }

  /** A topic for Kafka's tool laid out like {@code like}. */
  private String createLike(TopicSpec like, String name) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, like.partitions(), like.replicationFactor())
                      .configs(like.configs())))
          .all()
          .get(60, TimeUnit.SECONDS);
      new TopicAdmin(admin, Duration.ofSeconds(60)).awaitLeaders(Set.of(name));
    }
    return name;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
