package ai.ringrift.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.DaemonState;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonHealthSettings;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.DaemonStatusReader;
import ai.ringrift.runtime.daemon.KafkaDaemonEvents;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.runtime.daemon.ServiceBundles;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code launch --all} with the repository's daemons.yaml (its Streams apps aside) and the stages
 * module's bundle: the bandwidth allocator and the five stage services start, join their groups and
 * report RUNNING.
 */
@WithKafkaCluster
class StageDaemonsIT {
  static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void everyConfiguredStageDaemonStartsAndReportsRunning(KafkaCluster cluster) throws Exception {
    String node = "stages-node-" + System.nanoTime();
    // the stages' files in the test's directory instead of ./var
    ConfigSource config =
        ItSupport.configCopy(
            dir.resolve("config"),
            Map.of("stages.yaml", t -> t.replace("var/", dir.resolve("var") + "/")));
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    DaemonSettings repository = DaemonSettings.load(config);
    DaemonCatalog catalog = ServiceBundles.fromClasspath().daemons();
    // every daemon of daemons.yaml but the Streams apps, whose bundle is not on this classpath
    assertThat(catalog.names())
        .isEqualTo(
            repository.daemons().entrySet().stream()
                .filter(e -> !e.getValue().profiles().contains("streams"))
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    DaemonSettings stages = repository.only(catalog.names(), Map.of());
    DaemonSettings settings =
        new DaemonSettings(
            stages.restart(),
            new DaemonHealthSettings(1, 1, 0.5, 3600, 3),
            0.5,
            30,
            stages.daemons());

    try (ServiceRuntime runtime = ItSupport.runtime("stage-daemons-it")) {
      ServiceContext context = ItSupport.context(config, kafka, runtime);
      DaemonStatusReader reader =
          new DaemonStatusReader(kafka, cluster.catalog(), context.serdes(), Clock.systemUTC());
      DaemonLauncher launcher =
          DaemonLauncher.start(
              context,
              settings,
              catalog,
              LaunchSelection.all(),
              new KafkaDaemonEvents(
                  kafka,
                  cluster.catalog(),
                  context.serdes(),
                  node,
                  "launcher@" + node,
                  Clock.systemUTC()),
              Clock.systemUTC());
      try {
        await()
            .atMost(DEADLINE)
            .untilAsserted(
                () -> {
                  Map<String, DaemonHeartbeat> seen = DaemonLauncherIT.latest(reader, node);
                  assertThat(seen.keySet()).isEqualTo(catalog.names());
                  assertThat(seen.values())
                      .allSatisfy(h -> assertThat(h.getState()).isEqualTo(DaemonState.RUNNING));
                });
      } finally {
        launcher.close();
      }
    }
  }
}
