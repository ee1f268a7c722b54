package ai.ringrift.streams.promotion;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.streams.common.AppConfig;
import ai.ringrift.streams.common.ConfigOverrides;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "What if the promotion thresholds had been different?": replays {@code
 * ringrift.evaluation.completed} from its beginning through the real promotion controller with
 * changed thresholds, under a fresh application id, and reports what it would have decided. Nothing
 * is written to any topic: the controller's outputs go to the report, its stores keep no changelog,
 * poison records are skipped rather than dead-lettered, and the replay's consumer group is deleted
 * afterwards. Rollbacks are replayed only as far as evaluations drive them (regression events are
 * not part of the replay).
 *
 * <pre>{@code
 * WhatIfReport report =
 *     PromotionWhatIf.of(configSource, kafka, catalog, serdes)
 *         .run(Map.of("headToHead.rule", "SPRT"), Duration.ofMinutes(5));
 * System.out.print(report.render());
 * }</pre>
 */
public final class PromotionWhatIf {
  private static final Logger LOGGER = LoggerFactory.getLogger(PromotionWhatIf.class);

  private final AppConfig<PromotionConfig> config;
  private final StreamsSettings settings;
  private final KafkaSettings kafka;

  /**
   * @param config the live thresholds, catalog and serdes (the overrides apply on top)
   * @param settings Streams settings (tuning and the what-if id prefix)
   * @param kafka the cluster holding the evaluation history
   */
  public PromotionWhatIf(
      AppConfig<PromotionConfig> config, StreamsSettings settings, KafkaSettings kafka) {
    this.config = config;
    this.settings = settings;
    this.kafka = kafka;
  }

  /**
   * The what-if of the live thresholds in {@code config} ({@code promotion.yaml}, {@code
   * streams.yaml}) on the cluster of {@code kafka}, as the command line builds it.
   */
  public static PromotionWhatIf of(
      ConfigSource config, KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes) {
    return new PromotionWhatIf(
        new AppConfig<>(
            PromotionConfig.load(config), catalog, serdes, "what-if", DedupSettings.load(config)),
        StreamsSettings.load(config, System.getenv()),
        kafka);
  }

  /**
   * Replays every evaluation recorded so far with {@code overrides} ({@code dotted.key -> value},
   * see {@code config/promotion.yaml}); waits at most {@code timeout} for the replay to catch up.
   */
  public WhatIfReport run(Map<String, String> overrides, Duration timeout) {
    PromotionConfig rules = ConfigOverrides.apply(config.rules(), overrides);
    String applicationId = settings.applications().whatIfPrefix() + "-" + UUID.randomUUID();
    String topic = config.topic(EvaluationCompleted.class);
    WhatIfCollector collector = new WhatIfCollector();
    Path stateDir = tempDir();
    try (ReplayProgress progress = new ReplayProgress(kafka, topic, applicationId)) {
      Map<org.apache.kafka.common.TopicPartition, Long> end = progress.endOffsets();
      if (end.values().stream().anyMatch(offset -> offset > 0)) {
        replay(topology(rules, collector), applicationId, topic, stateDir, progress, end, timeout);
      }
      progress.deleteGroup();
    } finally {
      deleteQuietly(stateDir);
    }
    WhatIfReport report =
        new WhatIfReport(
            applicationId,
            overrides,
            collector.evaluations(),
            collector.decisions(),
            collector.rollbacks());
    LOGGER.info(
        "what-if {} replayed={} promotions={}",
        overrides,
        report.evaluationsReplayed(),
        report.promotions().size());
    return report;
  }

  private Topology topology(PromotionConfig rules, WhatIfCollector collector) {
    return PromotionControllerApp.build(
        config.withRules(rules),
        java.util.List.of(EvaluationCompleted.class),
        false,
        topology -> {
          String source = "promotion-" + EvaluationCompleted.class.getSimpleName();
          topology.addProcessor("what-if-counter", collector::counter, source);
          for (String output :
              new String[] {
                PromotionControllerApp.PROMOTED_OUT,
                PromotionControllerApp.REJECTED_OUT,
                PromotionControllerApp.ROLLED_BACK_OUT,
                PromotionControllerApp.REGISTRY_OUT
              }) {
            topology.addProcessor(output, collector::sink, PromotionControllerApp.PROCESSOR);
          }
        });
  }

  private void replay(
      Topology topology,
      String applicationId,
      String topic,
      Path stateDir,
      ReplayProgress progress,
      Map<org.apache.kafka.common.TopicPartition, Long> end,
      Duration timeout) {
    Properties props =
        StreamsApp.properties(applicationId, topic + "=", settings.withStateDir(stateDir), kafka);
    // nothing is produced, so exactly-once buys nothing; committed history only
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.start();
      progress.awaitCommitted(end, timeout, streams);
      // leave the group now, so that it is empty and can be deleted right away
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(settings.closeTimeout()));
      streams.cleanUp();
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ringrift-what-if");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for the replay", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOGGER.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
