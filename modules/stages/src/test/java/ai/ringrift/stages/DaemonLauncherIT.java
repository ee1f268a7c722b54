package ai.ringrift.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.DaemonState;
import ai.ringrift.events.DaemonStateChanged;
import ai.ringrift.events.RoleChanged;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.DaemonHealthSettings;
import ai.ringrift.runtime.daemon.DaemonLauncher;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.DaemonStatusReader;
import ai.ringrift.runtime.daemon.KafkaDaemonEvents;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.runtime.daemon.RestartSettings;
import ai.ringrift.runtime.daemon.ServiceBundles;
import ai.ringrift.runtime.roles.RoleHolders;
import ai.ringrift.stages.bandwidth.BandwidthAllocatorService;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The launcher on a real broker with the real bandwidth allocator and a daemon that keeps crashing:
 * state changes and heartbeats land on their topics, and {@code --status} reads them back.
 */
@WithKafkaCluster(schemaRegistry = false) // plain Avro; LaunchCommandIT covers the registry
class DaemonLauncherIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void heartbeatsAndStateChangesTellTheClusterWhatRunsWhereAndWhatFailed(KafkaCluster cluster)
      throws Exception {
    String node = "it-node-" + System.nanoTime();
    KafkaSettings kafka = KafkaSettings.of(cluster.bootstrapServers());
    EventSerdes serdes = EventSerdes.plainAvro(cluster.catalog());
    Map<String, DaemonSettings.Spec> daemons = new TreeMap<>();
    daemons.put(BandwidthAllocatorService.NAME, new DaemonSettings.Spec(true, List.of("sync")));
    daemons.put("crasher", new DaemonSettings.Spec(false, List.of("sync")));
    DaemonSettings settings =
        new DaemonSettings(
            new RestartSettings(0.05, 5, List.of(0.1), 3600, 3, 300, 25, 300, 120),
            new DaemonHealthSettings(0.2, 0.1, 0.05, 3600, 3),
            0.2,
            10,
            daemons);
    DaemonCatalog catalog =
        ServiceBundles.fromClasspath().daemons().with("crasher", ctx -> new Crasher());

    try (ServiceRuntime runtime =
        ServiceRuntime.start("launcher-it", RuntimeSettings.ephemeral())) {
      ServiceContext context =
          ServiceMain.context(
              ConfigSource.directory(Path.of("../../config"))
                  .withOverrides("client.yaml", Map.of("wire.format", "plain")),
              kafka,
              runtime);
      DaemonStatusReader reader =
          new DaemonStatusReader(kafka, cluster.catalog(), serdes, Clock.systemUTC());
      DaemonLauncher launcher =
          DaemonLauncher.start(
              context,
              settings,
              catalog,
              LaunchSelection.sync(),
              new KafkaDaemonEvents(
                  kafka, cluster.catalog(), serdes, node, "launcher@" + node, Clock.systemUTC()),
              Clock.systemUTC());
      try {
        await()
            .atMost(DEADLINE)
            .untilAsserted(
                () -> {
                  Map<String, DaemonHeartbeat> seen = latest(reader, node);
                  assertThat(seen).containsKeys(BandwidthAllocatorService.NAME, "crasher");
                  assertThat(seen.get(BandwidthAllocatorService.NAME))
                      .satisfies(
                          h -> {
                            assertThat(h.getState()).isEqualTo(DaemonState.RUNNING);
                            assertThat(h.getRoles()).containsExactly("BANDWIDTH_ALLOCATOR");
                          });
                  assertThat(seen.get("crasher"))
                      .satisfies(
                          h -> {
                            assertThat(h.getState()).isEqualTo(DaemonState.FAILED);
                            assertThat(h.getRestarts()).isEqualTo(2);
                            assertThat(h.getLastError()).contains("disk full");
                          });
                });
      } finally {
        launcher.close();
      }
    }

    List<String> crasher = changes(cluster, kafka, serdes, node, "crasher");
    // (a check may find a run healthy before it crashes: RUNNING can appear in between)
    assertThat(crasher).first().isEqualTo("STOPPED->STARTING");
    assertThat(crasher).last().asString().endsWith("->FAILED");
    assertThat(crasher).filteredOn(c -> c.endsWith("->RESTARTING")).hasSize(2);
    assertThat(changes(cluster, kafka, serdes, node, BandwidthAllocatorService.NAME))
        .containsExactly(
            "STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->STOPPED");
    RoleChanged role =
        RoleHolders.latest(kafka, cluster.catalog(), serdes, Duration.ofSeconds(30))
            .get("BANDWIDTH_ALLOCATOR");
    assertThat(role.getAcquired()).as("a graceful stop announces the role's loss").isFalse();
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

  static List<String> changes(
      KafkaCluster cluster, KafkaSettings kafka, EventSerdes serdes, String node, String daemon)
      throws Exception {
    return TopicSnapshot.read(
            kafka,
            cluster.catalog().topicFor(DaemonStateChanged.class).name(),
            serdes.key().deserializer(),
            serdes.value(DaemonStateChanged.class).deserializer(),
            Duration.ofSeconds(30))
        .stream()
        .map(ConsumerRecord::value)
        .filter(c -> c.getNode().equals(node) && c.getDaemon().equals(daemon))
        .map(c -> c.getFromState() + "->" + c.getToState())
        .toList();
  }

  /** A daemon whose every run fails at once. */
  static final class Crasher implements Daemon {
    @Override
    public void run() {
      throw new IllegalStateException("disk full");
    }

    @Override
    public void stop() {}
  }
}
