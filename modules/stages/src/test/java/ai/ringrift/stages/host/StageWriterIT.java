package ai.ringrift.stages.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.history.ReplayFrom;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.PipelineFailed;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/**
 * A stage writer cut off from the cluster in the middle of a commit (the compose cluster's
 * network-cut fault): the commit fails, nothing of it becomes visible, and once the cluster is back
 * the same writer commits again (before, it stayed stuck: "the previous call to commitTransaction
 * timed out and must be retried").
 */
@WithKafkaCluster
class StageWriterIT {
  @Test
  void aWriterWhoseCommitTimedOutWritesAgainOnceTheClusterIsBack(KafkaCluster cluster) {
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers())
            .withSchemaRegistry(cluster.registryUrl())
            .with("max.block.ms", "2000")
            .with("delivery.timeout.ms", "4000")
            .with("request.timeout.ms", "2000");
    EventSerdes serdes = EventSerdes.from(kafka, cluster.catalog());
    try (StageWriter writer = new StageWriter(kafka, cluster.catalog(), serdes, id)) {
      writer.commit(List.of(event("before")));
      cluster.stopBroker(0);
      try {
        assertThatThrownBy(() -> writer.commit(List.of(event("during"))))
            .isInstanceOf(KafkaException.class);
        assertThatThrownBy(() -> writer.commit(List.of(event("still-during"))))
            .isInstanceOf(KafkaException.class);
      } finally {
        cluster.startBroker(0);
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .untilAsserted(() -> writer.commit(List.of(event("after"))));
      assertThat(writer.fatalError()).isEmpty();
    }
    List<String> visible = new ArrayList<>();
    new EventHistory(kafka, cluster.catalog(), serdes)
        .replay(
            PipelineFailed.class,
            ReplayFrom.beginning(),
            e -> {
              String eventId = e.event().getHeader().getEventId();
              if (eventId.startsWith(id)) {
                visible.add(eventId.substring(id.length() + 1));
              }
            });
    assertThat(visible).contains("before", "after").doesNotContain("during", "still-during");
  }

  private final String id = "ringrift.stage.writer-it." + System.nanoTime();

  private PipelineFailed event(String name) {
    return PipelineFailed.newBuilder(SampleEvents.of(PipelineFailed.class, name.length()))
        .setHeader(
            EventHeader.newBuilder(SampleEvents.of(EventHeader.class, 1))
                .setEventId(id + "-" + name)
                .build())
        .build();
  }
}
