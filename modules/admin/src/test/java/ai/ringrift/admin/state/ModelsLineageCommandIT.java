package ai.ringrift.admin.state;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.http.StatusServer;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ringrift models lineage MODEL}: the chain of events that made a model, read from the
 * topics, as a table and as JSON; an unknown model is one line on stderr.
 */
@WithKafkaCluster
class ModelsLineageCommandIT {
  static final ConfigKey CONFIG = ConfigKeys.parse("hex8_2p");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @BeforeAll
  static void onePassThroughTheLoop(KafkaCluster cluster) throws Exception {
    List<SpecificRecord> events = new ArrayList<>();
    events.add(
        SelfplayBatchCompleted.newBuilder(SampleEvents.of(SelfplayBatchCompleted.class, CONFIG, 1))
            .setHeader(header("batch-1", "trace-b", null, 1))
            .setNode("selfplay-1")
            .setGamesCompleted(50)
            .setTotalGames(50)
            .setGamesPath("/games/hex8_2p/1")
            .setModelId(null)
            .setDurationSeconds(12)
            .build());
    events.add(
        DataSyncCompleted.newBuilder(SampleEvents.of(DataSyncCompleted.class, CONFIG, 1))
            .setHeader(header("sync-1", "trace-b", "batch-1", 2))
            .setSourceNode("selfplay-1")
            .setTargets(List.of("train-1"))
            .setSyncType(SyncDataType.GAMES)
            .setFilesSynced(1)
            .setBytesTransferred(2048)
            .setDurationSeconds(0.5)
            .setNewGames(50)
            .setDestinationPath("/data/hex8_2p")
            .build());
    events.add(
        NpzExportCompleted.newBuilder()
            .setHeader(header("export-1", "trace-b", "sync-1", 3))
            .setConfig(CONFIG)
            .setOutputPath("/npz/hex8_2p/1.npz")
            .setTotalSamples(4000)
            .setGamesUsed(50)
            .setDurationSeconds(1.5)
            .setQualityScore(null)
            .build());
    events.add(
        TrainingStarted.newBuilder()
            .setHeader(header("start-1", "trace-b", "export-1", 4))
            .setConfig(CONFIG)
            .setJobId("job-1")
            .setDataPath("/npz/hex8_2p/1.npz")
            .setModelPath("/models/hex8_2p/m-7.pth")
            .setEpochs(5)
            .setBatchSize(256)
            .setNode("train-1")
            .build());
    events.add(
        TrainingCompleted.newBuilder()
            .setHeader(header("trained-1", "trace-b", "export-1", 5))
            .setConfig(CONFIG)
            .setJobId("job-1")
            .setModelId("m-7")
            .setModelPath("/models/hex8_2p/m-7.pth")
            .setEpochs(5)
            .setFinalLoss(0.42)
            .setSamplesTrained(4000)
            .setDurationSeconds(30)
            .build());
    events.add(
        EvaluationCompleted.newBuilder(SampleEvents.of(EvaluationCompleted.class, CONFIG, 1))
            .setHeader(header("eval-1", "trace-b", "trained-1", 6))
            .setModelId("m-7")
            .setModelPath("/models/hex8_2p/m-7.pth")
            .setElo(1612.5)
            .setGamesPlayed(400)
            .setWinRate(0.81)
            .setHeadToHead(null)
            .setTrainingEventId("trained-1")
            .build());
    events.add(
        ModelPromoted.newBuilder()
            .setHeader(header("promoted-1", "trace-b", "eval-1", 7))
            .setConfig(CONFIG)
            .setModelId("m-7")
            .setModelPath("/models/hex8_2p/m-7.pth")
            .setEvaluationEventId("eval-1")
            .setPreviousModelId(null)
            .setPreviousModelPath(null)
            .setEloBefore(1500)
            .setEloAfter(1612.5)
            .setReason("all gates passed")
            .setVsRandom(null)
            .setVsHeuristic(null)
            .build());
    KafkaSettings kafka = KafkaSettings.fromEnvironment(cluster.environment());
    EventRecords records =
        new EventRecords(cluster.catalog(), EventSerdes.from(kafka, cluster.catalog()));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (SpecificRecord event : events) {
        producer.send(records.of(event)).get();
      }
      producer.send(records.of(events.get(4))).get(); // a redelivered copy counts once
    }
  }

  static EventHeader header(String id, String trace, String cause, int second) {
    return new EventHeader(id, "test", T0.plusSeconds(second), trace, null, cause, null);
  }

  @Test
  void printsTheChainFromTheSelfplayBatchToThePromotion(KafkaCluster cluster) {
    Cli.Result result = Cli.on(cluster, "models", "lineage", "m-7");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo(EXPECTED_TABLE);
  }

  @Test
  void printsTheSameChainAsJson(KafkaCluster cluster) throws Exception {
    Cli.Result result = Cli.on(cluster, "models", "lineage", "m-7", "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode lineage = StatusServer.JSON.readTree(result.out());
    assertThat(lineage.path("model").asText()).isEqualTo("m-7");
    assertThat(lineage.path("config").asText()).isEqualTo("hex8_2p");
    assertThat(lineage.path("outcome").asText()).isEqualTo("promoted");
    List<String> ids = new ArrayList<>();
    lineage.path("steps").forEach(s -> ids.add(s.path("eventId").asText()));
    assertThat(ids)
        .containsExactly(
            "batch-1", "sync-1", "export-1", "start-1", "trained-1", "eval-1", "promoted-1");
    assertThat(lineage.path("steps").get(0).path("at").asText()).isEqualTo("2026-03-01T10:00:01Z");
  }

  @Test
  void anUnknownModelIsOneLineSayingWhereToLook(KafkaCluster cluster) {
    Cli.Result result = Cli.on(cluster, "models", "lineage", "m-404");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "ringrift lineage: no event names model m-404; `ringrift models list` shows the"
                + " models of every config\n");
  }

  static final String EXPECTED_TABLE =
      "m-7 of hex8_2p: promoted\n"
          + "TIME                  STAGE       EVENT                   EVENT ID    TRACE    LINKED BY                                             WHAT\n"
          + "2026-03-01T10:00:01Z  selfplay    SelfplayBatchCompleted  batch-1     trace-b  cause of DataSyncCompleted                            node=selfplay-1 games_completed=50 total_games=50 games_path=/games/hex8_2p/1 duration_seconds=12.0\n"
          + "2026-03-01T10:00:02Z  sync        DataSyncCompleted       sync-1      trace-b  cause of NpzExportCompleted                           source_node=selfplay-1 sync_type=GAMES files_synced=1 bytes_transferred=2048 duration_seconds=0.500 new_games=50 destination_path=/data/hex8_2p\n"
          + "2026-03-01T10:00:03Z  export      NpzExportCompleted      export-1    trace-b  data of TrainingStarted (data_path)                   output_path=/npz/hex8_2p/1.npz total_samples=4000 games_used=50 duration_seconds=1.500\n"
          + "2026-03-01T10:00:04Z  training    TrainingStarted         start-1     trace-b  same job_id as TrainingCompleted                      job_id=job-1 data_path=/npz/hex8_2p/1.npz model_path=/models/hex8_2p/m-7.pth epochs=5 batch_size=256 node=train-1\n"
          + "2026-03-01T10:00:05Z  training    TrainingCompleted       trained-1   trace-b  wrote the model (model_id)                            job_id=job-1 model_id=m-7 model_path=/models/hex8_2p/m-7.pth epochs=5 final_loss=0.420 samples_trained=4000 duration_seconds=30.0\n"
          + "2026-03-01T10:00:06Z  evaluation  EvaluationCompleted     eval-1      trace-b  evaluates TrainingCompleted (training_event_id)       model_id=m-7 model_path=/models/hex8_2p/m-7.pth elo=1612.5 games_played=400 win_rate=0.810 training_event_id=trained-1\n"
          + "2026-03-01T10:00:07Z  promotion   ModelPromoted           promoted-1  trace-b  decides on EvaluationCompleted (evaluation_event_id)  model_id=m-7 model_path=/models/hex8_2p/m-7.pth evaluation_event_id=eval-1 elo_before=1500.0 elo_after=1612.5 reason='all gates passed'\n";
}
