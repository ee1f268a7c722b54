package ai.ringrift.admin.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.Ringrift;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.testkit.ChildJvm;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringrift launch --sync} as an operator runs it (its own JVM, stopped with SIGTERM),
 * watched from another shell with {@code ringrift launch --status}.
 */
@WithKafkaCluster
class LaunchCommandIT {
  static final Path REPOSITORY_CONFIG = Path.of("../../config");
  @TempDir Path dir;
  String config;

  /** The repository's config with a heartbeat every second instead of every 30 s. */
  @BeforeEach
  void config() throws IOException {
    Path copy = Files.createDirectories(dir.resolve("config"));
    try (var files = Files.list(REPOSITORY_CONFIG)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    Path daemons = copy.resolve("daemons.yaml");
    Files.writeString(
        daemons,
        Files.readString(daemons)
            .replace("heartbeatIntervalSeconds: 30", "heartbeatIntervalSeconds: 1"));
    config = copy.toString();
  }

  @Test
  void launchedDaemonsShowInTheClusterStatusAndStopGracefullyOnSigterm(KafkaCluster cluster)
      throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    ProcessBuilder command =
        ChildJvm.command(
                List.of("-Dringrift.log.dir=" + dir.resolve("logs")),
                Ringrift.class,
                "launch",
                "--sync",
                "--bootstrap-server",
                cluster.bootstrapServers(),
                "--registry-url",
                cluster.registryUrl(),
                "--config",
                config)
            .redirectErrorStream(true);
    command.environment().put("RINGRIFT_HTTP_PORT", "0"); // any free port for /status
    Process launch = command.start();
    Thread reader = read(launch, output);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> output.stream().anyMatch(l -> l.startsWith("launched profile sync:")));
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(status(cluster).out())
                      .containsPattern(
                          "bandwidth-allocator\\s+RUNNING\\s+\\S+\\s+0\\s+BANDWIDTH_ALLOCATOR"));
    } finally {
      launch.toHandle().destroy(); // SIGTERM
      assertThat(launch.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      reader.join(10_000);
    }
    assertThat(launch.exitValue()).as(String.join("\n", output)).isIn(0, 143);
    assertThat(output).contains("stopped");
    Cli.Result after = status(cluster);
    assertThat(after.out()).containsPattern("bandwidth-allocator\\s+STOPPED");
    Cli.Result json =
        Cli.against(
            cluster.bootstrapServers(),
            "launch",
            "--status",
            "--registry-url",
            cluster.registryUrl(),
            "--config",
            config,
            "-o",
            "json");
    assertThat(json.out())
        .contains("\"daemon\" : \"bandwidth-allocator\"", "\"state\" : \"STOPPED\"");
  }

  @Test
  void exactlyOneSelectionIsRequired() {
    assertThat(Cli.run("launch").exitCode()).isEqualTo(ExitCodes.USAGE);
    Cli.Result both = Cli.run("launch", "--all", "--sync");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void anUnknownStageIsOneLineNamingTheKnownOnes(KafkaCluster cluster) {
    Cli.Result result =
        Cli.against(cluster.bootstrapServers(), "launch", "--stage", "nope", "--config", config);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err().strip())
        .startsWith("ringrift launch: daemons.nope: no daemon 'nope' in daemons.yaml (known:")
        .doesNotContain("\n");
  }

  Cli.Result status(KafkaCluster cluster) {
    return Cli.against(
        cluster.bootstrapServers(),
        "launch",
        "--status",
        "--registry-url",
        cluster.registryUrl(),
        "--config",
        config);
  }

  static Thread read(Process process, List<String> output) {
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  output.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
