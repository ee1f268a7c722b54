package ai.ringrift.client.publish;

import static ai.ringrift.client.ClientFixtures.kafka;
import static ai.ringrift.client.ClientFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.ClientFixtures;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A retry is a copy, never a new event: a publish that timed out (here because the only broker was
 * down) is sent again with the same {@code event_id}, and so is an event object published twice.
 */
@WithKafkaCluster
class PublisherRetryIT {
  /** Gives up within seconds instead of the configured 10 s + 30 s. */
  static final PublisherSettings QUICK = new PublisherSettings(3_000, 6_000, 3_000, 0);

  @Test
  void aPublishThatTimedOutIsRetriedWithTheSameEventId(KafkaCluster cluster) {
    String node = unique("gpu-node");
    PublishException failure;
    try (EventPublisher publisher = publisher(cluster, QUICK)) {
      await() // the broker is up and the publisher knows the topic's leaders
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> publisher.publish(noHeader(1)).join() != null);
      cluster.stopBroker(0);
      try {
        failure =
            catchThrowableOfType(
                PublishException.class,
                () -> publish(publisher, node)); // a helper: the caller never saw the event
      } finally {
        cluster.startBroker(0);
      }
      cluster.awaitLeaders("ringrift.selfplay.batch-completed");
      assertThat(failure).as("the publish failed while the broker was down").isNotNull();
      assertThat(failure.event()).isPresent();

      PublishedEvent retried = publisher.retry(failure).join();

      assertThat(retried.eventId()).isEqualTo(failure.eventId());
      assertThat(Events.eventId(failure.event().get())).contains(failure.eventId());
    }
    List<String> ids = idsOnTopic(cluster, node, 1);
    assertThat(ids).containsExactly(failure.eventId());
  }

  @Test
  void anEventPublishedAgainKeepsItsEventIdSoTheTwoAreCopies(KafkaCluster cluster) {
    String node = unique("gpu-node");
    SelfplayBatchCompleted event = noHeader(7);
    event.put("node", node);
    cluster.awaitLeaders("ringrift.selfplay.batch-completed"); // the other test stops the broker
    try (EventPublisher publisher = publisher(cluster, PublisherSettings.defaults())) {
      PublishedEvent first = publisher.publishSync(event); // fills the header in place
      PublishedEvent again = publisher.publishSync(event); // the caller's retry after a timeout

      assertThat(again.eventId()).isEqualTo(first.eventId());
      assertThat(again.offset()).isNotEqualTo(first.offset());
    }
    List<String> ids = idsOnTopic(cluster, node, 2);
    assertThat(ids).hasSize(2).containsOnly(ids.get(0));
  }

  private static SelfplayBatchCompleted noHeader(int seed) {
    SelfplayBatchCompleted event =
        SampleEvents.of(SelfplayBatchCompleted.class, ConfigKeys.parse("hex8_4p"), seed);
    event.put("header", null); // the publisher fills it
    return event;
  }

  private static void publish(EventPublisher publisher, String node) {
    try {
      publisher
          .selfplayBatchCompleted(
              ConfigKeys.parse("hex8_4p"), node, 100, 100, "/data", "m1", Duration.ofMinutes(3))
          .join();
    } catch (CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  private static EventPublisher publisher(KafkaCluster cluster, PublisherSettings settings) {
    return EventPublisher.builder()
        .kafka(kafka(cluster))
        .catalog(cluster.catalog())
        .source("selfplay@retry-it")
        .settings(settings)
        .metrics(new MetricRegistry())
        .build();
  }

  /** The event ids of the {@code expected} selfplay batches of {@code node} on their topic. */
  private static List<String> idsOnTopic(KafkaCluster cluster, String node, int expected) {
    EventSerdes serdes = EventSerdes.from(kafka(cluster), cluster.catalog());
    var values = serdes.value(SelfplayBatchCompleted.class).deserializer();
    List<ConsumerRecord<byte[], byte[]>> records =
        ClientFixtures.read(
            cluster,
            "ringrift.selfplay.batch-completed",
            r -> values.deserialize(r.topic(), r.value()).getNode().equals(node),
            expected);
    return records.stream()
        .map(r -> values.deserialize(r.topic(), r.value()).getHeader().getEventId())
        .toList();
  }
}
