package ai.ringrift.streams;

import static ai.ringrift.streams.TestEvents.baseline;
import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.headToHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.streams.common.DeadLetterRoutes;
import ai.ringrift.streams.promotion.PromotionConfig;
import ai.ringrift.streams.promotion.PromotionControllerApp;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Kills the promotion controller (SIGKILL, a child JVM running its real main) while evaluations
 * stream in, restarts it, and checks that every evaluation was decided exactly once, and as the
 * same topology decides it without any crash.
 */
@WithKafkaCluster
class PromotionRestartIT {
  static final List<String> CONFIGS = List.of("square8_2p", "hex8_2p", "square19_2p", "hex8_3p");
  static final int EVALUATIONS = 400;

  @Test
  void killedAndRestartedMidStreamLosesNoDecisionAndDuplicatesNone(KafkaCluster cluster)
      throws Exception {
    List<EvaluationCompleted> history = new ArrayList<>();
    Map<String, String> expected = history(history);
    Map<String, List<String>> decided = new ConcurrentHashMap<>();
    Path stateDir = Files.createTempDirectory("promotion-restart");
    Path log = Path.of("target", "promotion-restart-it.log");
    CountDownLatch firstDecisions = new CountDownLatch(80);
    Thread publisher = new Thread(() -> publish(cluster, history), "publisher");

    try (var reader =
        Cluster.committedReader(
            cluster, List.of("ringrift.model.promoted", "ringrift.promotion.rejected"))) {
      PromotionProcess first = PromotionProcess.start(cluster, stateDir, log);
      publisher.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                read(reader, decided, firstDecisions);
                return firstDecisions.getCount() == 0;
              });
      first.kill();
      assertThat(decided.size()).as("killed mid-stream").isLessThan(EVALUATIONS);

      try (PromotionProcess second = PromotionProcess.start(cluster, stateDir, log)) {
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () -> {
                  read(reader, decided, firstDecisions);
                  return decided.size() >= EVALUATIONS;
                });
        read(reader, decided, firstDecisions);
        decided.forEach((id, decisions) -> assertThat(decisions).as(id).hasSize(1));
        Map<String, String> actual = new java.util.HashMap<>();
        decided.forEach((id, decisions) -> actual.put(id, decisions.get(0)));
        assertThat(actual).isEqualTo(expected);
      }
    } finally {
      publisher.join();
    }
  }

  /**
   * A seeded history of evaluations and what the controller decides on each without a crash (the
   * same topology under a test driver, which also says who the champion is when each evaluation is
   * made): promotions, and rejections by several gates.
   */
  static Map<String, String> history(List<EvaluationCompleted> history) {
    Random random = new Random(42);
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    Map<String, String> expected = new java.util.HashMap<>();
    try (Driver driver =
        new Driver(
            PromotionControllerApp.buildTopology(
                Driver.appConfig(PromotionConfig.load(Driver.CONFIG))),
            DeadLetterRoutes.of(Driver.CATALOG, List.of("ringrift.evaluation.completed")))) {
      for (int i = 0; i < EVALUATIONS; i++) {
        String config = CONFIGS.get(i % CONFIGS.size());
        ModelRegistryEntry registry =
            driver
                .<ModelRegistryEntry>store(PromotionControllerApp.MODEL_REGISTRY_STORE)
                .get(config);
        String champion = registry == null ? null : registry.getProductionModelId();
        var e =
            evaluation(
                config, "m-" + i, 1500 + 2 * i + random.nextInt(60), t0.plusSeconds(60L * i));
        if (champion != null) {
          int wins = 90 + random.nextInt(30);
          e.setHeadToHead(headToHead(champion, 1550, wins, 200 - wins, 0));
        }
        if (random.nextInt(10) == 0) {
          e.setBaselines(
              List.of(baseline("RANDOM", 400, 100, 0.6), baseline("HEURISTIC", 900, 100, 0.5)));
        }
        history.add(e.build());
        driver.send(history.get(i));
        driver
            .drain(ModelPromoted.class)
            .forEach(p -> expected.put(p.getEvaluationEventId(), "promoted"));
        driver
            .drain(PromotionRejected.class)
            .forEach(r -> expected.put(r.getEvaluationEventId(), "rejected by " + r.getGate()));
      }
    }
    assertThat(expected).hasSize(EVALUATIONS);
    assertThat(expected.values())
        .contains(
            "promoted",
            "rejected by cooldown",
            "rejected by head_to_head",
            "rejected by elo_gain",
            "rejected by win_rate_vs_random");
    return expected;
  }

  static void publish(KafkaCluster cluster, List<EvaluationCompleted> history) {
    try (KafkaProducer<String, SpecificRecord> producer = Cluster.producer(cluster)) {
      long started = System.nanoTime();
      for (int i = 0; i < history.size(); i++) {
        Cluster.send(producer, history.get(i));
        long due = started + Duration.ofMillis(20L * i).toNanos(); // about 50 a second
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
      }
    }
  }

  static void read(
      org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> reader,
      Map<String, List<String>> decided,
      CountDownLatch seen) {
    for (ConsumerRecord<byte[], byte[]> r : Cluster.poll(reader)) {
      String id;
      String decision;
      if (r.topic().equals("ringrift.model.promoted")) {
        id = Cluster.decode(ModelPromoted.class, r).getEvaluationEventId();
        decision = "promoted";
      } else {
        PromotionRejected rejected = Cluster.decode(PromotionRejected.class, r);
        id = rejected.getEvaluationEventId();
        decision = "rejected by " + rejected.getGate();
      }
      decided
          .computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(decision);
      seen.countDown();
    }
  }
}
