package ai.ringrift.benchmarks.publisher;

import ai.ringrift.admin.embedded.EmbeddedPlatform;
import ai.ringrift.admin.embedded.EmbeddedPlatformSettings;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Our publisher beside Kafka's own producer benchmark on the embedded platform (a real KRaft broker
 * with the catalog applied): same record count, same value size, {@code acks=all}, same {@code
 * linger.ms}; then end-to-end publish→handler latency at a fixed rate.
 *
 * <p>Run with {@code scripts/bench-publisher [options]}; never part of {@code mvn verify}. The
 * report goes to standard output (this is a command-line tool).
 */
public final class PublisherBenchmark {
  private PublisherBenchmark() {}

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
            new EmbeddedPlatformSettings(data, "localhost", 0, 0, false, null), line -> {})) {
      new PublisherBenchmark().run(options, platform, System.out);
    } finally {
      deleteQuietly(data);
    }
  }

  private void run(BenchOptions options, EmbeddedPlatform platform, PrintStream out)
      throws Exception {
    String bootstrap = platform.bootstrapServers();
    KafkaSettings kafka = KafkaSettings.of(bootstrap);
    TopicCatalog catalog = platform.catalog();
    EventSerdes serdes = EventSerdes.plainAvro(catalog);
    PublisherSettings defaults = PublisherSettings.defaults();
    PublisherSettings settings =
        new PublisherSettings(
            defaults.maxBlockMs(),
            defaults.deliveryTimeoutMs(),
            defaults.requestTimeoutMs(),
            options.lingerMs());
    OurPublisherRun ours = new OurPublisherRun(kafka, catalog, serdes, settings, options.configs());
    TopicSpec eventTopic = catalog.topicFor(TrainingProgress.class);
    String toolTopic = createLike(bootstrap, eventTopic);
    int value = ours.valueSize();
    // the tool sends no key: its value carries our key's bytes too, so both send the same bytes
    int size = value + "square8_2p".length();
    out.printf(
        "RingRift publisher vs Kafka's ProducerPerformance on %s: %d records of %d B"
            + " (TrainingProgress %d B + config key; keys over %d config%s), acks=all,"
            + " linger.ms=%d, %d partitions%n",
        bootstrap,
        options.records(),
        size,
        value,
        options.configs(),
        options.configs() == 1 ? "" : "s",
        options.lingerMs(),
        eventTopic.partitions());

    if (options.warmupRecords() > 0) {
      KafkaToolRun.run(bootstrap, toolTopic, options.warmupRecords(), size, options.lingerMs());
      ours.run(options.warmupRecords());
    }
    List<Double> ratios = new ArrayList<>();
    out.printf("%-4s %16s %16s %8s%n", "run", "kafka rec/s", "ringrift rec/s", "ratio");
    for (int run = 1; run <= options.runs(); run++) {
      double kafkaRate;
      double ourRate;
      if (run % 2 == 1) { // alternate who goes first, so neither always gets a warmer broker
        kafkaRate =
            KafkaToolRun.run(bootstrap, toolTopic, options.records(), size, options.lingerMs());
        ourRate = ours.run(options.records());
      } else {
        ourRate = ours.run(options.records());
        kafkaRate =
            KafkaToolRun.run(bootstrap, toolTopic, options.records(), size, options.lingerMs());
      }
      ratios.add(ourRate / kafkaRate);
      out.printf("%-4d %16.0f %16.0f %8.3f%n", run, kafkaRate, ourRate, ourRate / kafkaRate);
    }
    Collections.sort(ratios);
    out.printf(
        "ratio ours/kafka over %d runs: min %.3f  median %.3f  max %.3f  (target >= 0.9)%n",
        ratios.size(), ratios.get(0), ratios.get(ratios.size() / 2), ratios.get(ratios.size() - 1));

    LatencyRun.Result latency =
        LatencyRun.run(ours, kafka, catalog, serdes, options.rate(), options.seconds());
    out.printf(
        "end-to-end publish->handler latency at %d events/s for %d s (n=%d): p50 %.2f ms, p99 %.2f"
            + " ms, max %.2f ms%n",
        options.rate(),
        options.seconds(),
        latency.count(),
        latency.p50(),
        latency.p99(),
        latency.max());
  }

  /** A topic for Kafka's tool laid out like {@code like}. */
  private static String createLike(String bootstrap, TopicSpec like) throws Exception {
    String name = "bench.producer-performance";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, like.partitions(), like.replicationFactor())
                      .configs(like.configs())))
          .all()
          .get(60, TimeUnit.SECONDS);
      new ai.ringrift.events.catalog.TopicAdmin(admin, java.time.Duration.ofSeconds(60))
          .awaitLeaders(java.util.Set.of(name));
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
