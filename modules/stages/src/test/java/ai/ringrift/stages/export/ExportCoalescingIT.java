package ai.ringrift.stages.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionPlugin;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Games syncs of a config that wait while its export runs are answered by one decision and at most
 * one export, each remembered as finished once, on a real broker.
 */
@WithKafkaCluster
class ExportCoalescingIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final int WAITING = 6;

  @TempDir static Path dir;
  static ServiceRuntime runtime;
  static ServiceContext context;
  static EventPublisher publisher;

  @BeforeAll
  static void connect(KafkaCluster cluster) {
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    runtime = ItSupport.runtime("export-coalescing-it");
    context =
        ItSupport.context(ConfigSource.directory(ItSupport.REPOSITORY_CONFIG), kafka, runtime);
    publisher = ItSupport.publisher(context, "export-coalescing-it");
  }

  @AfterAll
  static void disconnect() {
    publisher.close();
    runtime.close();
  }

  @Test
  void syncsThatWaitedBehindAnExportAreAnsweredByOneExportAndEachFinishedOnce() throws Exception {
    ConfigKey config = ConfigKeys.parse("square19_4p");
    try (Running export = new Running(config, "coalesce-due.")) {
      List<String> triggers = new ArrayList<>();
      games(config, 0);
      triggers.add(sync(config));
      await().atMost(DEADLINE).until(export.action.started::get, n -> n == 1);
      for (int i = 1; i <= WAITING; i++) {
        games(config, i); // each sync brings enough new games for an export of its own
        triggers.add(sync(config));
      }
      export.action.open.countDown();

      await()
          .atMost(DEADLINE)
          .untilAsserted(() -> assertThat(finished(config)).containsAll(triggers));
      List<String> causes = exportCauses(config);
      assertThat(causes)
          .as("one announcement per export, reacting to its trigger")
          .hasSize(export.action.started.get())
          .doesNotHaveDuplicates();
      assertThat(triggers).containsAll(causes);
      // the first sync's export, then one for the six behind it once they are fetched; an export
      // per sync without coalescing (each brought enough new games)
      assertThat(causes)
          .as("exports for %s syncs", triggers.size())
          .hasSizeLessThan(triggers.size());
      assertThat(runs(config).stream().filter(r -> r.getStatus() == RunStatus.STARTED))
          .extracting(StageRun::getTriggerEventId)
          .as("one run per export, none per answered sync")
          .containsExactlyElementsOf(causes);
    }
  }

  @Test
  void syncsThatWaitedBehindADecisionThatFoundNothingDueAreAnsweredByIt() throws Exception {
    ConfigKey config = ConfigKeys.parse("hex8_2p");
    try (Running export = new Running(config, "coalesce-not-due.")) {
      games(config, 0);
      sync(config);
      await().atMost(DEADLINE).until(export.action.started::get, n -> n == 1);
      for (int i = 1; i <= WAITING; i++) {
        sync(config); // no new games: nothing due
      }
      export.action.open.countDown();

      await()
          .atMost(DEADLINE)
          .until(() -> export.count("skipped") + export.count("coalesced") == WAITING);
      assertThat(export.count("skipped"))
          .as("decisions for %s syncs behind the export", WAITING)
          .isLessThan(WAITING);
      assertThat(export.count("coalesced")).isPositive();
      assertThat(export.action.started.get()).isEqualTo(1);
    }
  }

  /** A file of five games, enough for an export under {@link Running}'s thresholds. */
  private static void games(ConfigKey config, int n) throws IOException {
    ItSupport.writeGames(paths(), config, "batch-" + n, 5);
  }

  private static String sync(ConfigKey config) {
    return ItSupport.gamesSynced(publisher, config).getHeader().getEventId();
  }

  private static StagePaths paths() {
    return StagePaths.under(dir.resolve("data"));
  }

  private static List<String> exportCauses(ConfigKey config) {
    return ItSupport.read(context, NpzExportCompleted.class, e -> e.getConfig().equals(config))
        .stream()
        .map(e -> e.getHeader().getCausationId())
        .toList();
  }

  private static List<StageRun> runs(ConfigKey config) {
    return ItSupport.runs(context, StageSupport.key(config, Stage.EXPORT));
  }

  /** The triggers the latest export record of {@code config} lists as finished. */
  private static Set<String> finished(ConfigKey config) {
    return ItSupport.finished(context, StageSupport.key(config, Stage.EXPORT));
  }

  /** An export stage of one config whose exports wait until {@link GatedExport#open} opens. */
  private static final class Running implements AutoCloseable {
    final GatedExport action = new GatedExport();
    private final Map<String, Long> before =
        Map.of("skipped", total("skipped"), "coalesced", total("coalesced"));
    private final StageSupport support;
    private final ExportService service;

    Running(ConfigKey config, String groupPrefix) throws InterruptedException {
      StageSettings base = ItSupport.repositorySettings();
      ExportConfig export =
          base.export()
              .withAction(new ActionSpec(ActionKind.PLUGIN, null, GatedExport.NAME))
              .withThresholds(5, 5, 0);
      this.support = StageSupport.open(context, groupPrefix, Clock.systemUTC());
      this.service =
          new ExportService(
                  export,
                  paths(),
                  base.runs().withConfigs(List.of(ConfigKeys.format(config))),
                  Actions.none().with(action),
                  support)
              .start();
    }

    /** The runs of the stage counted as {@code runs} since this one started (the counters last). */
    long count(String runs) {
      return total(runs) - before.getOrDefault(runs, 0L);
    }

    private static long total(String runs) {
      return runtime.metrics().counter("ringrift.stage.export.runs." + runs).getCount();
    }

    @Override
    public void close() {
      action.open.countDown();
      service.close();
      support.close();
    }
  }

  /** The export action for tests: waits until {@link #open}, then writes a valid shard. */
  private static final class GatedExport implements ActionPlugin {
    static final String NAME = "gated-export";
    final CountDownLatch open = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Action create(String key, Set<String> placeholders) {
      return request -> {
        started.incrementAndGet();
        open.await();
        Path npz = Path.of(request.require("npz"));
        shard(npz);
        return ActionResult.succeeded(
            ResultValues.of(Map.of("npz_path", npz.toString(), "games_used", 5)), Duration.ZERO);
      };
    }

    private static void shard(Path npz) {
      try {
        ItSupport.writeShard(npz);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
