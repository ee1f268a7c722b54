package ai.ringrift.stages.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches of a config that wait while its games sync runs are synced by one run, each host copied
 * once, and every batch answered once (and remembered as finished), on a real broker.
 */
@WithKafkaCluster
class GamesSyncCoalescingIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static SyncRig rig;

  @BeforeAll
  static void connect(KafkaCluster cluster) {
    rig = new SyncRig(cluster, dir, "games-coalescing-it");
  }

  @AfterAll
  static void disconnect() {
    rig.close();
  }

  @Test
  void batchesThatWaitedForTheConfigsTurnAreSyncedByOneRunAndEachAnsweredOnce() throws Exception {
    ConfigKey config = ConfigKeys.parse("square19_4p");
    GatedCopies copies = new GatedCopies();
    try (SyncRig.Running sync = rig.start(rig.settings(config, 3, 1), copies)) {
      List<String> batches = new ArrayList<>();
      batches.add(batch(config, "h1", 0));
      await().atMost(DEADLINE).until(copies.games.running::get, n -> n == 1);
      for (int i = 1; i <= 6; i++) {
        batches.add(batch(config, i % 2 == 0 ? "h2" : "h3", i)); // wait behind the first
      }
      await()
          .atMost(DEADLINE)
          .until(() -> rig.runs(config).size() >= 1); // the first run's STARTED record
      copies.games.open.countDown();

      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(rig.causes(config, SyncDataType.GAMES))
                      .as("one report per batch")
                      .containsExactlyInAnyOrderElementsOf(batches));
      await()
          .atMost(DEADLINE)
          .untilAsserted(() -> assertThat(rig.finished(config)).containsAll(batches));
      assertThat(rig.causes(config, SyncDataType.GAMES))
          .as("nothing answered twice")
          .hasSize(batches.size());
      // once the six waiting batches are fetched: h1 for the first, then one run copying h2 and
      // h3 once for the six; one copy and one run per batch without coalescing
      assertThat(copies.games.started.get())
          .as("copies for %s batches", batches.size())
          .isLessThan(batches.size());
      assertThat(rig.succeeded(config))
          .as("runs for %s batches", batches.size())
          .isLessThan(batches.size());
    }
  }

  private static String batch(ConfigKey config, String node, int seed) {
    SelfplayBatchCompleted batch = SampleEvents.of(SelfplayBatchCompleted.class, config, seed);
    batch.put("header", rig.publisher.newHeader());
    batch.put("node", node);
    rig.publisher.publishSync(batch);
    return Events.eventId(batch).orElseThrow();
  }
}
