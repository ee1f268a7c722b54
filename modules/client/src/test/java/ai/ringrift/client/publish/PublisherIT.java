package ai.ringrift.client.publish;

import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.read;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.ClientFixtures;
import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The publisher on a real broker: topic and key from the catalog, headers filled, flushed. */
@WithKafkaCluster
class PublisherIT {
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  static final ConfigKey HEX8_3P = ConfigKeys.parse("hex8_3p");

  @Test
  void publishesToTheCatalogTopicKeyedByConfigWithAFilledHeader(KafkaCluster cluster) {
    MetricRegistry metrics = new MetricRegistry();
    String source = unique("trainer");
    TrainingCompleted event = withoutHeader(SampleEvents.of(TrainingCompleted.class, HEX8_3P, 3));

    PublishedEvent published;
    try (EventPublisher publisher =
        EventPublisher.builder()
            .kafka(kafka(cluster))
            .catalog(cluster.catalog())
            .source(source)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .metrics(metrics)
            .build()) {
      published = publisher.publishSync(event);
    }

    assertThat(published.topic()).isEqualTo("ringrift.training.completed");
    assertThat(published.key()).isEqualTo("hex8_3p");
    ConsumerRecord<byte[], byte[]> record =
        read(
                cluster,
                published.topic(),
                r -> r.offset() == published.offset() && r.partition() == published.partition(),
                1)
            .get(0);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("hex8_3p");
    TrainingCompleted stored = decode(cluster, record);
    EventHeader header = stored.getHeader();
    assertThat(UUID.fromString(header.getEventId()).toString()).isEqualTo(published.eventId());
    assertThat(header.getSource()).isEqualTo(source);
    assertThat(header.getOccurredAt()).isEqualTo(NOW);
    assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
    assertThat(header.getTraceId())
        .as("a root event names its trace")
        .isEqualTo(header.getEventId());
    assertThat(header.getCausationId()).isNull();
    assertThat(stored.getJobId()).isEqualTo(event.getJobId());
    assertThat(metrics.counter(MetricNames.published("TrainingCompleted")).getCount()).isEqualTo(1);
  }

  @Test
  void aReactionCarriesTheCausesTraceAndNamesItsCause(KafkaCluster cluster) {
    TrainingStarted cause = SampleEvents.of(TrainingStarted.class, 5);
    TrainingCompleted reaction = withoutHeader(SampleEvents.of(TrainingCompleted.class, 6));

    try (EventPublisher publisher = publisher(cluster)) {
      publisher.publish(reaction, cause).join();
    }

    EventHeader header = reaction.getHeader();
    assertThat(header.getTraceId()).isEqualTo(cause.getHeader().getTraceId());
    assertThat(header.getCausationId()).isEqualTo(cause.getHeader().getEventId());
    assertThat(header.getCorrelationId()).isEqualTo(cause.getHeader().getCorrelationId());
  }

  @Test
  void aTrainingRunSharesOneTraceAndNamesItsStartAsCause(KafkaCluster cluster) {
    String job = unique("job");
    try (EventPublisher publisher = publisher(cluster)) {
      TrainingRun run = publisher.trainingRun(HEX8_3P, job);
      PublishedEvent started = run.started("data/hex8_3p.npz", "models/c.pth", 2).join();
      run.progress(1, 2, 0.9, null).join();
      run.progress(2, 2, 0.5, 0.6).join();
      run.completed("model-1", "models/c.pth", 2, 0.5, 85_000, Duration.ofMinutes(3)).join();

      TrainingStarted start =
          decode(
              cluster,
              read(
                      cluster,
                      started.topic(),
                      r -> r.offset() == started.offset() && r.partition() == started.partition(),
                      1)
                  .get(0),
              TrainingStarted.class);
      List<TrainingProgress> progress =
          read(
                  cluster,
                  "ringrift.training.progress",
                  r -> decode(cluster, r, TrainingProgress.class).getJobId().equals(job),
                  2)
              .stream()
              .map(r -> decode(cluster, r, TrainingProgress.class))
              .toList();
      assertThat(start.getJobId()).isEqualTo(job);
      assertThat(progress).hasSize(2);
      assertThat(progress)
          .allSatisfy(
              p -> {
                assertThat(p.getHeader().getTraceId()).isEqualTo(start.getHeader().getTraceId());
                assertThat(p.getHeader().getCausationId())
                    .isEqualTo(start.getHeader().getEventId());
              });
    }
  }

  @Test
  void withoutARegistryGivenTheCountsAreJmxBeans(KafkaCluster cluster) throws Exception {
    try (EventPublisher publisher =
        EventPublisher.builder()
            .kafka(kafka(cluster))
            .catalog(cluster.catalog())
            .source(unique("trainer"))
            .build()) {
      publisher.publishSync(withoutHeader(SampleEvents.of(TrainingCompleted.class, 8)));
    }

    ObjectName bean =
        new ObjectName(
            "ringrift:name=" + MetricNames.published("TrainingCompleted") + ",type=counters");
    assertThat((Long) ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "Count"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void closeSendsEverythingStillBuffered(KafkaCluster cluster) {
    String node = unique("node");
    int count = 200;
    List<CompletableFuture<PublishedEvent>> futures = new ArrayList<>();
    EventPublisher publisher = publisher(cluster);
    for (int i = 0; i < count; i++) {
      futures.add(
          publisher.selfplayBatchCompleted(
              ConfigKeys.all().get(i % 12), node, 50, i, "/games", null, Duration.ofSeconds(1)));
    }
    publisher.close();

    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    List<ConsumerRecord<byte[], byte[]>> stored =
        read(
            cluster,
            "ringrift.selfplay.batch-completed",
            r -> decode(cluster, r, SelfplayBatchCompleted.class).getNode().equals(node),
            count);
    assertThat(stored).hasSize(count);
  }

  private static EventPublisher publisher(KafkaCluster cluster) {
    return ai.ringrift.client.ClientFixtures.publisher(cluster, unique("trainer"));
  }

  /** The event as a caller builds it with the all-fields constructor and no header. */
  private static TrainingCompleted withoutHeader(TrainingCompleted e) {
    return new TrainingCompleted(
        null,
        e.getConfig(),
        e.getJobId(),
        e.getModelId(),
        e.getModelPath(),
        e.getEpochs(),
        e.getFinalLoss(),
        e.getSamplesTrained(),
        e.getDurationSeconds());
  }

  private static TrainingCompleted decode(KafkaCluster cluster, ConsumerRecord<byte[], byte[]> r) {
    return decode(cluster, r, TrainingCompleted.class);
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T decode(
      KafkaCluster cluster, ConsumerRecord<byte[], byte[]> r, Class<T> type) {
    return ClientFixtures.serdes(cluster)
        .value(type)
        .deserializer()
        .deserialize(r.topic(), r.value());
  }
}
