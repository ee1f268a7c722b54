package ai.ringrift.stages.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.testkit.ChildJvm;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export stage killed (SIGKILL of its JVM) while its action runs, and a second instance that
 * takes the trigger over: the killed attempt is never started again — it is reported failed and
 * retried as the next attempt, or, when it had finished its output, that output is adopted. And a
 * stage stopped gracefully during its action: it hands the attempt back, and the next instance
 * retries it.
 */
@WithKafkaCluster
class StageCrashIT {
  static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;
  KafkaCluster cluster;
  KafkaSettings kafka;
  ServiceRuntime runtime;
  ServiceContext context;
  Process child;

  @BeforeEach
  void setUp(KafkaCluster cluster) throws IOException {
    this.cluster = cluster;
    kafka = KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    runtime = ItSupport.runtime("stage-crash-it");
    context =
        ItSupport.context(ConfigSource.directory(ItSupport.REPOSITORY_CONFIG), kafka, runtime);
    Files.copy(
        Path.of("src/test/resources/stages/slow-exporter.sh"), dir.resolve("slow-exporter.sh"));
    ItSupport.writeShard(dir.resolve("fixture.npz")); // what the script "exports"
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
    runtime.close();
  }

  @Test
  void anAttemptKilledBeforeItsOutputIsReportedFailedAndRetriedNeverStartedAgain()
      throws Exception {
    ConfigKey config = ConfigKeys.parse("hex8_2p");
    DataSyncCompleted trigger = killDuringTheAction(config, "hang-before", "crash-a.");

    try (ExportStageProcess survivor =
        ExportStageProcess.start("export-survivor", kafka, dir, "crash-a.", config)) {
      NpzExportCompleted exported = awaitExport(config);
      String first = runId(config, trigger, 1);
      String second = runId(config, trigger, 2);
      assertThat(starts()).containsExactly(first, second);
      assertThat(exported.getOutputPath()).endsWith(second + ".npz");
      List<StageRun> runs = runs(config);
      assertOneStartPerAttempt(runs);
      assertThat(runs)
          .anyMatch(
              r ->
                  r.getStatus() == RunStatus.FAILED
                      && r.getAttempt() == 1
                      && r.getError().contains("crashed"))
          .anyMatch(r -> r.getStatus() == RunStatus.SUCCEEDED && r.getAttempt() == 2);
    }
  }

  @Test
  void anAttemptKilledAfterItWroteItsOutputIsAdoptedNotRunAgain() throws Exception {
    ConfigKey config = ConfigKeys.parse("square19_2p");
    DataSyncCompleted trigger = killDuringTheAction(config, "hang-after", "crash-b.");

    try (ExportStageProcess survivor =
        ExportStageProcess.start("export-survivor", kafka, dir, "crash-b.", config)) {
      NpzExportCompleted exported = awaitExport(config);
      String first = runId(config, trigger, 1);
      assertThat(starts()).containsExactly(first);
      assertThat(exported.getOutputPath()).endsWith(first + ".npz");
      assertThat(exported.getTotalSamples()).isEqualTo(3);
      List<StageRun> runs = runs(config);
      assertOneStartPerAttempt(runs);
      assertThat(runs).anyMatch(r -> r.getStatus() == RunStatus.SUCCEEDED && r.getAttempt() == 1);
      assertThat(runs).noneMatch(r -> r.getStatus() == RunStatus.FAILED);
    }
  }

  @Test
  void aStageStoppedDuringItsActionHandsItBackAndTheNextInstanceRetriesIt() throws Exception {
    ConfigKey config = ConfigKeys.parse("square8_3p");
    Files.writeString(dir.resolve("mode"), "hang-before");
    writeGames(config, 10);
    DataSyncCompleted trigger;
    try (ExportStageProcess first =
        ExportStageProcess.start("export-first", kafka, dir, "stop-c.", config)) {
      trigger = publishTrigger(config);
      await().atMost(DEADLINE).until(() -> starts().size() == 1);
      Files.writeString(dir.resolve("mode"), "complete");
    } // stopping: the action runs on for the 1 s grace, then is handed back
    assertThat(runs(config))
        .extracting(StageRun::getStatus)
        .containsExactly(RunStatus.STARTED, RunStatus.INTERRUPTED);

    try (ExportStageProcess second =
        ExportStageProcess.start("export-second", kafka, dir, "stop-c.", config)) {
      NpzExportCompleted exported = awaitExport(config);
      String retry = runId(config, trigger, 2);
      assertThat(starts()).containsExactly(runId(config, trigger, 1), retry);
      assertThat(exported.getOutputPath()).endsWith(retry + ".npz");
      List<StageRun> runs = runs(config);
      assertOneStartPerAttempt(runs);
      assertThat(runs).anyMatch(r -> r.getStatus() == RunStatus.SUCCEEDED && r.getAttempt() == 2);
    }
  }

  /**
   * Starts the stage in a child JVM, gives it a trigger, kills it once its action has started (and
   * in mode {@code hang-after} written its shard), and lets the next start complete.
   */
  private DataSyncCompleted killDuringTheAction(ConfigKey config, String mode, String prefix)
      throws Exception {
    Files.writeString(dir.resolve("mode"), mode);
    writeGames(config, 10);
    child =
        ChildJvm.command(
                List.of("-Xmx200m"),
                ExportStageProcess.class,
                cluster.bootstrapServers(),
                cluster.registryUrl(),
                dir.toString(),
                prefix,
                ConfigKeys.format(config))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    DataSyncCompleted trigger = publishTrigger(config);
    await().atMost(DEADLINE).until(() -> starts().size() == 1);
    if (mode.equals("hang-after")) {
      Path shard =
          ExportStageProcess.paths(dir).npzOf(config).resolve(runId(config, trigger, 1) + ".npz");
      await().atMost(DEADLINE).until(() -> Files.isRegularFile(shard));
    }
    child.destroyForcibly().waitFor();
    Files.writeString(dir.resolve("mode"), "complete");
    assertThat(runs(config))
        .as("the killed instance recorded its start, nothing after it")
        .extracting(StageRun::getStatus)
        .containsExactly(RunStatus.STARTED);
    return trigger;
  }

  /** Games synced: the export stage's trigger. */
  private DataSyncCompleted publishTrigger(ConfigKey config) {
    try (EventPublisher publisher = ItSupport.publisher(context, "crash-it")) {
      return ItSupport.gamesSynced(publisher, config);
    }
  }

  private NpzExportCompleted awaitExport(ConfigKey config) {
    return await()
        .atMost(DEADLINE)
        .until(
            () ->
                ItSupport.read(
                    context, NpzExportCompleted.class, e -> e.getConfig().equals(config)),
            l -> !l.isEmpty())
        .get(0);
  }

  private List<StageRun> runs(ConfigKey config) {
    return ItSupport.runs(context, StageSupport.key(config, Stage.EXPORT));
  }

  private static void assertOneStartPerAttempt(List<StageRun> runs) {
    assertThat(
            runs.stream()
                .filter(r -> r.getStatus() == RunStatus.STARTED)
                .map(r -> r.getTriggerEventId() + "#" + r.getAttempt()))
        .doesNotHaveDuplicates();
  }

  private static String runId(ConfigKey config, DataSyncCompleted trigger, int attempt) {
    return RunAttempt.of(Stage.EXPORT, config, trigger.getHeader().getEventId(), attempt, false)
        .runId();
  }

  private List<String> starts() throws IOException {
    Path file = dir.resolve("starts");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private void writeGames(ConfigKey config, int games) throws IOException {
    ItSupport.writeGames(ExportStageProcess.paths(dir), config, "batch-1", games);
  }
}
