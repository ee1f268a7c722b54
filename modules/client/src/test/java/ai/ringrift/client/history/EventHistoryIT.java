package ai.ringrift.client.history;

import static ai.ringrift.client.ClientFixtures.committed;
import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.quickSubscriber;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.ClientFixtures;
import ai.ringrift.client.TickingClock;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.subscribe.EventSubscriber;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.EvaluationFailed;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportFailed;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** recentEvents and replay read back what was published, in order per config. */
@WithKafkaCluster
class EventHistoryIT {
  static final List<ConfigKey> CONFIGS =
      List.of(
          ConfigKeys.parse("square8_2p"),
          ConfigKeys.parse("hex8_3p"),
          ConfigKeys.parse("hexagonal_4p"));

  @Test
  void recentEventsOfATypeAreTheLastOnesPublishedOldestFirst(KafkaCluster cluster) {
    List<String> published = publish(cluster, ModelPromoted.class, 15, Instant.now());
    EventHistory history = history(cluster);

    List<RecordedEvent<ModelPromoted>> all = history.recentEvents(ModelPromoted.class, 100);
    List<RecordedEvent<ModelPromoted>> last4 = history.recentEvents(ModelPromoted.class, 4);

    assertThat(ids(all)).containsExactlyElementsOf(published);
    assertThat(ids(last4)).containsExactlyElementsOf(published.subList(11, 15));
    assertThat(all)
        .allSatisfy(e -> assertThat(e.key()).isEqualTo(ConfigKeys.format(e.event().getConfig())));
  }

  @Test
  void recentEventsCountEventsNotOffsetsOnATransactionalTopic(KafkaCluster cluster) {
    // one event per transaction, as the stage services write: every commit marker takes an offset
    String topic = cluster.catalog().topicFor(NpzExportFailed.class).name();
    EventSerdes serdes = ClientFixtures.serdes(cluster);
    List<String> written = new ArrayList<>();
    Map<String, Object> config = new HashMap<>(cluster.producerConfig());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("history-tx"));
    try (KafkaProducer<String, NpzExportFailed> producer =
        new KafkaProducer<>(
            config, serdes.key().serializer(), serdes.value(NpzExportFailed.class).serializer())) {
      producer.initTransactions();
      for (int i = 0; i < 6; i++) {
        NpzExportFailed event = SampleEvents.of(NpzExportFailed.class, CONFIGS.get(0), i);
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, ConfigKeys.format(CONFIGS.get(0)), event));
        producer.commitTransaction();
        written.add(Events.eventId(event).orElseThrow());
      }
    }
    EventHistory history = history(cluster);

    assertThat(ids(history.recentEvents(NpzExportFailed.class, 1)))
        .containsExactlyElementsOf(written.subList(5, 6));
    assertThat(ids(history.recentEvents(NpzExportFailed.class, 4)))
        .containsExactlyElementsOf(written.subList(2, 6));
    assertThat(ids(history.recentEvents(NpzExportFailed.class, 50)))
        .containsExactlyElementsOf(written);
  }

  @Test
  void recentEventsOfAllTypesMergeTheTopicsByTime(KafkaCluster cluster) {
    // half an hour ahead of the other tests' events, so these are the newest of all
    Clock clock =
        new TickingClock(Instant.now().plus(Duration.ofMinutes(30)), Duration.ofSeconds(1));
    List<String> published = new ArrayList<>();
    try (EventPublisher publisher = publisher(cluster, clock)) {
      published.add(publisher.publishSync(bare(PromotionRejected.class, 0, 1)).eventId());
      published.add(publisher.publishSync(bare(ModelRolledBack.class, 1, 2)).eventId());
      published.add(publisher.publishSync(bare(PromotionRejected.class, 2, 3)).eventId());
    }

    List<RecordedEvent<SpecificRecord>> recent = history(cluster).recentEvents(3);

    assertThat(recent)
        .extracting(e -> Events.eventId(e.event()).orElseThrow())
        .containsExactlyElementsOf(published);
    assertThat(recent)
        .extracting(RecordedEvent::topic)
        .containsExactly(
            "ringrift.promotion.rejected",
            "ringrift.model.rolled-back",
            "ringrift.promotion.rejected");
  }

  @Test
  void replayFromATimeOrAnOffsetGivesWhatWasPublishedInOrderPerConfig(KafkaCluster cluster)
      throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<PublishedEvent> sent = publishAll(cluster, DataSyncFailed.class, 12, start);
    List<String> published = sent.stream().map(PublishedEvent::eventId).toList();
    sendGarbage(cluster, "ringrift.sync.failed");
    EventHistory history = history(cluster);

    List<RecordedEvent<DataSyncFailed>> fromStart = new ArrayList<>();
    ReplayResult everything =
        history.replay(DataSyncFailed.class, ReplayFrom.beginning(), fromStart::add);
    List<RecordedEvent<DataSyncFailed>> fromTime = new ArrayList<>();
    history.replay(DataSyncFailed.class, ReplayFrom.timestamp(start.plusSeconds(6)), fromTime::add);
    List<RecordedEvent<DataSyncFailed>> fromOffset = new ArrayList<>();
    history.replay(DataSyncFailed.class, ReplayFrom.offset(2), fromOffset::add);

    assertThat(everything).isEqualTo(new ReplayResult(12, 1));
    assertThat(new HashSet<>(ids(fromStart))).isEqualTo(new HashSet<>(published));
    for (ConfigKey config : CONFIGS) {
      assertThat(ids(ofConfig(fromStart, config)))
          .containsExactlyElementsOf(publishedFor(published, config));
      // a partition may carry several configs: offset 2 is the third record of the partition
      assertThat(ids(ofConfig(fromOffset, config)))
          .containsExactlyElementsOf(
              sent.stream()
                  .filter(e -> e.key().equals(ConfigKeys.format(config)) && e.offset() >= 2)
                  .map(PublishedEvent::eventId)
                  .toList());
    }
    assertThat(new HashSet<>(ids(fromTime))).isEqualTo(new HashSet<>(published.subList(6, 12)));
  }

  @Test
  void replayNeverMovesALiveGroupsOffsets(KafkaCluster cluster) throws Exception {
    List<String> published = publish(cluster, EvaluationFailed.class, 6, Instant.now());
    String group = unique("live");
    Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (EventSubscriber live =
        EventSubscriber.builder()
            .name(group)
            .kafka(kafka(cluster))
            .catalog(cluster.catalog())
            .settings(quickSubscriber())
            .metrics(new MetricRegistry())
            .on(EvaluationFailed.class, (e, c) -> handled.add(e.getHeader().getEventId()))
            .build()
            .start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsAll(published));
    }
    Map<TopicPartition, OffsetAndMetadata> before = committed(cluster, group);

    List<RecordedEvent<EvaluationFailed>> replayed = new ArrayList<>();
    history(cluster).replay(EvaluationFailed.class, ReplayFrom.beginning(), replayed::add);
    history(cluster).recentEvents(EvaluationFailed.class, 3);

    assertThat(replayed).hasSize(6);
    assertThat(committed(cluster, group)).isEqualTo(before);
    assertThat(groups(cluster)).containsExactly(group);
  }

  private static EventHistory history(KafkaCluster cluster) {
    return new EventHistory(kafka(cluster), cluster.catalog(), ClientFixtures.serdes(cluster));
  }

  private static EventPublisher publisher(KafkaCluster cluster, Clock clock) {
    return EventPublisher.builder()
        .kafka(kafka(cluster))
        .catalog(cluster.catalog())
        .source(unique("history"))
        .clock(clock)
        .metrics(new MetricRegistry())
        .build();
  }

  /** Publishes {@code count} events round-robin over three configs, one second apart. */
  private static <T extends SpecificRecord> List<PublishedEvent> publishAll(
      KafkaCluster cluster, Class<T> type, int count, Instant start) {
    List<PublishedEvent> sent = new ArrayList<>();
    try (EventPublisher publisher =
        publisher(cluster, new TickingClock(start, Duration.ofSeconds(1)))) {
      for (int i = 0; i < count; i++) {
        sent.add(publisher.publishSync(bare(type, i % CONFIGS.size(), i)));
      }
    }
    return sent;
  }

  private static <T extends SpecificRecord> List<String> publish(
      KafkaCluster cluster, Class<T> type, int count, Instant start) {
    return publishAll(cluster, type, count, start).stream().map(PublishedEvent::eventId).toList();
  }

  private static <T extends SpecificRecord> T bare(Class<T> type, int config, int seed) {
    T event = SampleEvents.of(type, CONFIGS.get(config), seed);
    event.put(event.getSchema().getField("header").pos(), null);
    return event;
  }

  private static void sendGarbage(KafkaCluster cluster, String topic) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  "square8_2p".getBytes(StandardCharsets.UTF_8),
                  new byte[] {(byte) 0xff, 0x01}))
          .get();
    }
  }

  private static Set<String> groups(KafkaCluster cluster) throws Exception {
    Set<String> groups = new HashSet<>();
    for (ConsumerGroupListing listing :
        cluster.admin().listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
      groups.add(listing.groupId());
    }
    return groups;
  }

  private static <T extends SpecificRecord> List<String> ids(List<RecordedEvent<T>> events) {
    return events.stream().map(e -> Events.eventId(e.event()).orElseThrow()).toList();
  }

  private static <T extends SpecificRecord> List<RecordedEvent<T>> ofConfig(
      List<RecordedEvent<T>> events, ConfigKey config) {
    return events.stream().filter(e -> e.key().equals(ConfigKeys.format(config))).toList();
  }

  private static List<String> publishedFor(List<String> published, ConfigKey config) {
    List<String> ofConfig = new ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      if (CONFIGS.get(i % CONFIGS.size()).equals(config)) {
        ofConfig.add(published.get(i));
      }
    }
    return ofConfig;
  }
}
