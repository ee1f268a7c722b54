package ai.ringrift.stages.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion's model distribution on a real broker, with copies that wait until the test lets them
 * finish: it copies to at most {@code sync.maxParallelModelCopies} hosts at once, and the config's
 * games syncs are answered while it runs, not after it.
 */
@WithKafkaCluster
class ModelDistributionIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final int HOSTS = 5;
  static final int AT_ONCE = 2;

  @TempDir static Path dir;
  static SyncRig rig;

  @BeforeAll
  static void connect(KafkaCluster cluster) {
    rig = new SyncRig(cluster, dir, "model-distribution-it");
  }

  @AfterAll
  static void disconnect() {
    rig.close();
  }

  @Test
  void gamesSyncsOfTheConfigAreAnsweredWhileItsModelIsCopiedAFewHostsAtATime() throws Exception {
    ConfigKey config = ConfigKeys.parse("hex8_3p");
    GatedCopies copies = new GatedCopies();
    copies.games.open.countDown();
    StageSettings s = rig.settings(config, HOSTS, AT_ONCE);
    Path model = s.paths().modelsOf(config).resolve("m1.pth");
    Files.createDirectories(model.getParent());
    Files.writeString(model, "a model");
    try (SyncRig.Running sync = rig.start(s, copies)) {
      ModelPromoted promoted = SampleEvents.of(ModelPromoted.class, config, 1);
      promoted.put("header", rig.publisher.newHeader());
      promoted.put("model_path", model.toString());
      rig.publisher.publishSync(promoted);
      await().atMost(DEADLINE).until(copies.models.running::get, n -> n == AT_ONCE);

      List<String> batches = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        SelfplayBatchCompleted batch = SampleEvents.of(SelfplayBatchCompleted.class, config, i);
        batch.put("header", rig.publisher.newHeader());
        batch.put("node", "h" + HOSTS); // its model copy waits behind the first two
        rig.publisher.publishSync(batch);
        batches.add(Events.eventId(batch).orElseThrow());
      }
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(rig.causes(config, SyncDataType.GAMES))
                      .as("every batch's games synced while the model is being copied")
                      .containsAll(batches));
      assertThat(copies.models.running.get()).as("the model copies still wait").isEqualTo(AT_ONCE);
      assertThat(rig.causes(config, SyncDataType.MODELS)).isEmpty();

      copies.models.open.countDown();
      String promotion = Events.eventId(promoted).orElseThrow();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(rig.causes(config, SyncDataType.MODELS))
                      .as("one report per host")
                      .containsExactlyElementsOf(Collections.nCopies(HOSTS, promotion)));
      assertThat(copies.models.mostAtOnce.get()).isEqualTo(AT_ONCE);
      assertThat(ItSupport.read(rig.context, DataSyncFailed.class)).isEmpty();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(rig.finished(config))
                      .as("both lanes' triggers are remembered as done")
                      .containsAll(batches)
                      .contains(promotion));
    }
  }
}
