package ai.ringrift.admin.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.DaemonState;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonHealthSettings;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.DaemonStatus;
import ai.ringrift.runtime.daemon.DaemonStatusReader;
import ai.ringrift.runtime.daemon.KafkaDaemonEvents;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.runtime.daemon.RestartSettings;
import ai.ringrift.streams.StreamsDaemon;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.promotion.PromotionControllerApp;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringrift launch --all}: the launcher's catalog makes every daemon of the repository's
 * daemons.yaml — the allocator, the five stage services and the three Streams apps — and supervises
 * the Streams apps like the others: one that dies is restarted.
 */
@WithKafkaCluster
class LaunchAllIT {
  static final Path REPOSITORY_CONFIG = Path.of("../../config");
  static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir Path dir;
  ConfigSource config;

  /** The repository's config with the loop's files and the Streams state under the test's dir. */
  @BeforeEach
  void config() throws IOException {
    Path copy = Files.createDirectories(dir.resolve("config"));
    try (var files = Files.list(REPOSITORY_CONFIG)) {
      for (Path file : files.toList()) {
        String text = Files.readString(file);
        if (file.getFileName().toString().matches("stages.yaml|streams.yaml")) {
          text = text.replace("var/", dir.resolve("var") + "/");
        }
        Files.writeString(copy.resolve(file.getFileName()), text);
      }
    }
    config = ConfigSource.directory(copy);
  }

  @Test
  void launchAllStartsTheStageServicesTheAllocatorAndTheStreamsApps(KafkaCluster cluster)
      throws Exception {
    DaemonSettings repository = DaemonSettings.load(config);
    DaemonCatalog catalog = LaunchCommand.daemons();
    assertThat(catalog.names())
        .as("every configured daemon is wired in, and nothing else")
        .isEqualTo(new java.util.TreeSet<>(LaunchSelection.all().resolve(repository)))
        .contains("signal-computer", "circuit-breakers", "promotion-controller");
    String node = "launch-all-" + System.nanoTime();
    KafkaSettings kafka = kafka(cluster);
    try (ServiceRuntime runtime = ServiceRuntime.start("launch-all-it", quiet())) {
      ServiceContext context = ServiceMain.context(config, kafka, runtime);
      DaemonStatusReader reader =
          new DaemonStatusReader(kafka, cluster.catalog(), context.serdes(), Clock.systemUTC());
      try (DaemonLauncher launcher =
          DaemonLauncher.start(
              context,
              fast(repository, repository.daemons()),
              catalog,
              LaunchSelection.all(),
              events(kafka, cluster, context, node),
              Clock.systemUTC())) {
        await()
            .atMost(DEADLINE)
            .untilAsserted(
                () -> {
                  Map<String, DaemonHeartbeat> seen = latest(reader, node);
                  assertThat(seen.keySet()).isEqualTo(catalog.names());
                  assertThat(seen.values())
                      .allSatisfy(h -> assertThat(h.getState()).isEqualTo(DaemonState.RUNNING));
                });
        assertThat(runtime.runHealthChecks())
            .containsKeys(
                "streams.signal-computer",
                "streams.circuit-breakers",
                "streams.promotion-controller");
      }
    }
  }

  @Test
  void aStreamsAppThatDiesIsRestartedByTheLauncher(KafkaCluster cluster) throws Exception {
    DaemonSettings repository = DaemonSettings.load(config);
    String name = PromotionControllerApp.NAME;
    List<StreamsApp> started = new CopyOnWriteArrayList<>();
    DaemonCatalog catalog =
        DaemonCatalog.empty()
            .with(
                name,
                c ->
                    new StreamsDaemon(
                        c,
                        ctx -> {
                          StreamsApp app = StreamsApp.start(ctx, PromotionControllerApp.SPEC);
                          started.add(app);
                          return app;
                        }));
    KafkaSettings kafka = kafka(cluster);
    try (ServiceRuntime runtime = ServiceRuntime.start("streams-restart-it", quiet())) {
      ServiceContext context = ServiceMain.context(config, kafka, runtime);
      try (DaemonLauncher launcher =
          DaemonLauncher.start(
              context,
              fast(repository, Map.of(name, repository.daemons().get(name))),
              catalog,
              LaunchSelection.stage(name),
              events(kafka, cluster, context, "streams-restart-" + System.nanoTime()),
              Clock.systemUTC())) {
        await().atMost(DEADLINE).until(() -> !started.isEmpty() && started.get(0).isRunning());
        started.get(0).streams().close(Duration.ofSeconds(30)); // the app stops on its own
        await()
            .atMost(DEADLINE)
            .untilAsserted(
                () -> {
                  assertThat(started).hasSize(2);
                  assertThat(started.get(1).streams().state())
                      .isEqualTo(KafkaStreams.State.RUNNING);
                  DaemonStatus status = launcher.status().get(0);
                  assertThat(status.state()).isEqualTo(DaemonState.RUNNING);
                  assertThat(status.restarts()).isEqualTo(1);
                  assertThat(status.lastError())
                      .hasValueSatisfying(e -> assertThat(e).contains("stopped on its own"));
                });
      }
    }
  }

  static KafkaSettings kafka(KafkaCluster cluster) {
    return KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
  }

  static RuntimeSettings quiet() {
    return RuntimeSettings.ephemeral();
  }

  /** Heartbeats every half second, health checks every second, restarts after a second. */
  static DaemonSettings fast(DaemonSettings repository, Map<String, DaemonSettings.Spec> daemons) {
    RestartSettings r = repository.restart();
    return new DaemonSettings(
        new RestartSettings(
            1,
            r.backoffRestarts(),
            r.laterDelaysSeconds(),
            r.windowSeconds(),
            r.crashLoopCrashes(),
            r.crashLoopWindowSeconds(),
            r.stormRestarts(),
            r.stormWindowSeconds(),
            r.stormBlockSeconds()),
        new DaemonHealthSettings(1, 1, 0.5, 3600, 3),
        0.5,
        30,
        new TreeMap<>(daemons));
  }

  static KafkaDaemonEvents events(
      KafkaSettings kafka, KafkaCluster cluster, ServiceContext context, String node) {
    return new KafkaDaemonEvents(
        kafka, cluster.catalog(), context.serdes(), node, "launcher@" + node, Clock.systemUTC());
  }

  static Map<String, DaemonHeartbeat> latest(DaemonStatusReader reader, String node)
      throws Exception {
    Map<String, DaemonHeartbeat> byDaemon = new TreeMap<>();
    for (DaemonStatusReader.Reported r :
        reader.read(Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30))) {
      if (r.heartbeat().getNode().equals(node)) {
        byDaemon.put(r.heartbeat().getDaemon(), r.heartbeat());
      }
    }
    return byDaemon;
  }
}
