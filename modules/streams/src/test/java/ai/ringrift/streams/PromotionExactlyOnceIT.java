package ai.ringrift.streams;

import static ai.ringrift.streams.TestEvents.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.serde.EventDecodingException;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.promotion.PromotionControllerApp;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The promotion controller on a real broker under exactly-once. */
@WithKafkaCluster
class PromotionExactlyOnceIT {
  static final String EVALUATIONS = "ringrift.evaluation.completed";
  static final String PROMOTED = "ringrift.model.promoted";
  static final String REJECTED = "ringrift.promotion.rejected";

  @Test
  void theSameEvaluationDeliveredTwiceYieldsOnePromotionAndPoisonGoesToTheDlq(KafkaCluster cluster)
      throws Exception {
    try (ServiceRuntime runtime = Cluster.runtime("promotion-it");
        StreamsApp app =
            StreamsApp.start(
                Cluster.context(cluster, runtime),
                Cluster.settings(),
                PromotionControllerApp.SPEC);
        KafkaProducer<String, SpecificRecord> producer = Cluster.producer(cluster)) {
      sendGarbage(cluster);
      Instant t0 = Instant.now();
      EvaluationCompleted e = evaluation("square19_3p", "m1", 1600, t0).build();
      Cluster.send(producer, e);
      Cluster.send(producer, e); // a replay of the same event
      EvaluationCompleted marker =
          evaluation("square19_3p", "marker", 1700, t0.plusSeconds(1)).build();
      Cluster.send(producer, marker);

      List<String> decidedOn = decisionsUntil(cluster, marker.getHeader().getEventId());

      assertThat(decidedOn)
          .containsExactlyInAnyOrder(
              "promoted " + e.getHeader().getEventId(),
              "rejected " + marker.getHeader().getEventId());
      assertDeadLetter(cluster);
    }
  }

  /** Decisions (read_committed) on square19_3p until the one on {@code lastEventId}. */
  static List<String> decisionsUntil(KafkaCluster cluster, String lastEventId) {
    List<String> decided = new ArrayList<>();
    try (var reader = Cluster.committedReader(cluster, List.of(PROMOTED, REJECTED))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                collect(Cluster.poll(reader), decided);
                return decided.stream().anyMatch(d -> d.endsWith(lastEventId));
              });
      collect(Cluster.readToEnd(reader), decided);
    }
    return decided;
  }

  static void collect(List<ConsumerRecord<byte[], byte[]>> records, List<String> decided) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (!"square19_3p".equals(new String(r.key(), StandardCharsets.UTF_8))) {
        continue;
      }
      decided.add(
          r.topic().equals(PROMOTED)
              ? "promoted " + Cluster.decode(ModelPromoted.class, r).getEvaluationEventId()
              : "rejected " + Cluster.decode(PromotionRejected.class, r).getEvaluationEventId());
    }
  }

  static void sendGarbage(KafkaCluster cluster) throws Exception {
    try (var raw =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  EVALUATIONS,
                  "square19_3p".getBytes(StandardCharsets.UTF_8),
                  "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  static void assertDeadLetter(KafkaCluster cluster) {
    try (var reader = Cluster.committedReader(cluster, List.of(EVALUATIONS + ".dlq"))) {
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> dead.addAll(Cluster.poll(reader)));
      ConsumerRecord<byte[], byte[]> r = dead.get(0);
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
      assertThat(
              new String(
                  r.headers().lastHeader(DeadLetterHeaders.EXCEPTION_CLASS).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(EventDecodingException.class.getName());
      assertThat(
              new String(
                  r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(EVALUATIONS);
    }
  }
}
