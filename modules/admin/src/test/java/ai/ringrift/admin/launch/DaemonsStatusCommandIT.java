package ai.ringrift.admin.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringrift daemons status} on heartbeats published with {@code ringrift events publish} to a
 * real broker and registry (the daemons themselves are run by LaunchCommandIT).
 */
@WithKafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonsStatusCommandIT {
  @TempDir Path dir;

  @Test
  @Order(1)
  void withoutHeartbeatsItSaysSo(KafkaCluster cluster) {
    Cli.Result status = Cli.on(cluster, "daemons", "status", "--since", "5m");

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).isEqualTo("no daemon heartbeat within the last PT5M\n");
  }

  @Test
  @Order(2)
  void theLatestHeartbeatOfEachDaemonIsARow(KafkaCluster cluster) throws IOException {
    // the latest beat is the one that occurred last: two beats of one daemon a second apart
    Instant now = Instant.now();
    Path beats =
        Files.writeString(
            dir.resolve("beats.json"),
            """
            [{"header": {"occurred_at": "%s"},
              "node": "gpu-1", "daemon": "training", "state": "STARTING", "uptime_seconds": 1},
             {"header": {"occurred_at": "%s"},
              "node": "gpu-1", "daemon": "training", "state": "RUNNING", "uptime_seconds": 90,
              "restarts": 1, "roles": ["training-leader"], "lag": 4},
             {"node": "cpu-2", "daemon": "selfplay", "state": "FAILED", "uptime_seconds": 5,
              "last_error": "disk full"}]"""
                .formatted(now.minusSeconds(2), now.minusSeconds(1)));
    Cli.Result publish =
        Cli.on(cluster, "events", "publish", "DaemonHeartbeat", "--json", beats.toString());
    assertThat(publish.exitCode()).as(publish.toString()).isZero();

    Cli.Result status = Cli.on(cluster, "daemons", "status");
    Cli.Result json = Cli.on(cluster, "daemons", "status", "-o", "json");

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out())
        .containsPattern("gpu-1\\s+training\\s+RUNNING\\s+PT1M30S\\s+1\\s+training-leader\\s+4")
        .containsPattern("cpu-2\\s+selfplay\\s+FAILED\\s+PT5S\\s+0\\s+-\\s+0\\s+disk full")
        .doesNotContain("STARTING");
    assertThat(json.out()).contains("\"daemon\" : \"training\"", "\"stale\" : false");
  }

  @Test
  void anUnreachableBrokerIsOneLine() {
    Cli.Result result = Cli.against("localhost:1", "daemons", "status");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("ringrift status: cannot reach Kafka at localhost:1");
  }

  @Test
  void aBadDurationIsAUsageError() {
    Cli.Result result = Cli.run("daemons", "status", "--since", "soon");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--since");
  }
}
