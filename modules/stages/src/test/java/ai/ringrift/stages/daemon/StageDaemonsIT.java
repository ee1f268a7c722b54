package ai.ringrift.stages.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.DaemonState;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
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
 * The repository's daemons.yaml with the stages module's registry: the bandwidth allocator and the
 * five stage services start, join their groups and report RUNNING. (The Streams apps of the same
 * file are wired in by the admin module's launcher, LaunchAllIT.)
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
    DaemonRegistry registry = DaemonRegistry.stages();
    Map<String, DaemonSettings.Spec> ours = new java.util.TreeMap<>(repository.daemons());
    ours.keySet().retainAll(registry.names());
    assertThat(ours.keySet())
        .as("every daemon of the stages module is configured")
        .isEqualTo(registry.names());
    assertThat(repository.daemons().keySet())
        .as("the others are the Streams apps")
        .containsAll(registry.names())
        .hasSize(registry.names().size() + 3);
    DaemonSettings settings =
        new DaemonSettings(
            repository.restart(), new HealthSettings(1, 1, 0.5, 3600, 3), 0.5, 30, ours);

    try (ServiceRuntime runtime = ItSupport.runtime("stage-daemons-it")) {
      ServiceContext context = ItSupport.context(config, kafka, runtime);
      DaemonStatusReader reader =
          new DaemonStatusReader(kafka, cluster.catalog(), context.serdes(), Clock.systemUTC());
      DaemonLauncher launcher =
          DaemonLauncher.start(
              context,
              settings,
              registry,
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
                  assertThat(seen.keySet()).isEqualTo(registry.names());
                  assertThat(seen.values())
                      .allSatisfy(h -> assertThat(h.getState()).isEqualTo(DaemonState.RUNNING));
                });
      } finally {
        launcher.close();
      }
    }
  }
}
