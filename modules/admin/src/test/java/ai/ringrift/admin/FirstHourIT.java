package ai.ringrift.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first hour (issue 12), through the real launcher {@code scripts/ringrift} against
 * the broker and registry of a real {@code ringrift up}: commands print what they say and nothing
 * else, {@code --help} works, {@code daemons status} and {@code cluster status} list everything
 * {@code up} runs, {@code /metrics} passes Prometheus' linter, and stopping prints no warnings.
 */
class FirstHourIT {
  /** What {@code up} runs: the allocator, five stages, three Streams apps, two simulated hosts. */
  static final Set<String> DAEMONS =
      new TreeSet<>(
          List.of(
              "bandwidth-allocator",
              "selfplay-sync",
              "export",
              "training",
              "evaluation",
              "promotion",
              "signal-computer",
              "circuit-breakers",
              "promotion-controller",
              "simulated-selfplay-1",
              "simulated-selfplay-2"));

  @TempDir Path dir;

  @Test
  void theFirstHourIsQuietAndShowsEverythingUpRuns() throws Exception {
    Launcher.Run help = Launcher.run("--help");
    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: ringrift [-hvV] [--log-level=LEVEL] [COMMAND]\n");
    assertThat(help.err()).isEmpty();

    try (Launcher.Up up =
        Launcher.up(
            "--data-dir",
            dir.resolve("var").toString(),
            "--port",
            "0",
            "--controller-port",
            "0",
            "--registry-port",
            "0",
            "--http-port",
            "0",
            "--configs",
            "square8_2p")) {
      Launcher.Run topics = Launcher.run("topics", "list", "--bootstrap-server", up.bootstrap);
      assertThat(topics.exitCode()).as(topics.toString()).isZero();
      assertThat(topics.err()).isEmpty();
      assertThat(topics.out().lines().findFirst())
          .hasValue(
              "TOPIC                                  KIND      VALUE                   KEY   "
                  + "        PARTITIONS  EXISTS");
      assertThat(topics.out().lines().skip(1)).allMatch(l -> l.endsWith("  yes"));

      Launcher.Run verbose =
          Launcher.run("topics", "list", "--bootstrap-server", up.bootstrap, "--log-level", "INFO");
      assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
      assertThat(verbose.out()).isEqualTo(topics.out());
      assertThat(verbose.err()).contains("INFO  AbstractConfig - AdminClientConfig values:");

      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                Launcher.Run daemons = daemons(up, "daemons", "status");
                assertThat(daemons.exitCode()).as(daemons.toString()).isZero();
                assertThat(daemons.err()).isEmpty();
                List<String> lines = daemons.out().lines().toList();
                assertThat(lines.get(0))
                    .matches(
                        "NODE\\s+DAEMON\\s+STATE\\s+UPTIME\\s+RESTARTS\\s+ROLES\\s+LAG\\s+LAST"
                            + " ERROR");
                assertThat(lines.stream().skip(1).map(l -> l.split("\\s+")[1]).toList())
                    .containsExactlyElementsOf(DAEMONS);
                assertThat(lines.stream().skip(1).map(l -> l.split("\\s+")[2]))
                    .containsOnly("RUNNING");
              });
      Launcher.Run cluster = daemons(up, "cluster", "status");
      assertThat(cluster.exitCode()).as(cluster.toString()).isZero();
      assertThat(cluster.err()).isEmpty();
      assertThat(cluster.out())
          .containsPattern("\\n\\S+\\s+bandwidth-allocator\\s+RUNNING\\s")
          .containsPattern("\\n\\S+\\s+promotion-controller\\s+RUNNING\\s")
          .containsPattern("\\nringrift.stage.export\\s+Stable\\s+1\\s");

      String metrics = scrape(up.statusUrl + "/metrics");
      assertThat(metrics)
          .contains("ringrift_stage_runs_started_total{stage=\"export\"}")
          .contains("kafka_stream_state_info{");
      assertThat(promtool(metrics)).isEmpty();

      assertThat(up.stop()).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(up.out).last().asString().startsWith("stopped; data kept in ");
      assertThat(up.out)
          .as("up prints what it says: no log line at start, while running or at stop")
          .noneMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d (WARN|ERROR|INFO) .*"));
      assertThat(up.err).isEmpty();
      assertThat(dir.resolve("var/logs/ringrift.log")).exists();
    }
  }

  private static Launcher.Run daemons(Launcher.Up up, String... command) throws Exception {
    String[] args = new String[command.length + 4];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--bootstrap-server";
    args[command.length + 1] = up.bootstrap;
    args[command.length + 2] = "--registry-url";
    args[command.length + 3] = up.registryUrl;
    return Launcher.run(args);
  }

  private static String scrape(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** What {@code promtool check metrics} says about {@code scrape}; empty when it is clean. */
  private String promtool(String scrape) throws IOException, InterruptedException {
    Path file = Files.writeString(dir.resolve("scrape.txt"), scrape);
    Process process =
        new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0 ? output : "exit " + process.exitValue() + ": " + output;
  }
}
