package ai.ringrift.benchmarks.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop benchmark's quick grid ({@code --quick}: 2 hosts × 1 and 2 configs, a few seconds each)
 * through the real platform, so the harness cannot rot: every hop is measured, its counts add up,
 * the report and the plots are written. Structure only; the figures themselves are the harness's
 * business (a timed assertion in a test is a defect).
 */
class LoopBenchmarkIT {
  @TempDir static Path out;
  private static LoopBenchmark.Outcome outcome;

  @BeforeAll
  static void runQuickGrid() throws Exception {
    System.setProperty("java.awt.headless", "true"); // the plots need no display
    String[] args = {"--quick", "--jfr", "--out", out.toString()};
    outcome = LoopBenchmark.run(LoopOptions.parse(args), String.join(" ", args));
  }

  @Test
  void runsOneCellPerHostsAndConfigs() {
    assertThat(outcome.cells())
        .extracting(c -> c.hosts() + "x" + c.configs())
        .containsExactly("2x1", "2x2");
  }

  @Test
  void measuresKafkasOwnCeilingBesideTheLoop() {
    assertThat(outcome.ceiling().stickyPerSecond()).isPositive();
    assertThat(outcome.ceiling().e2eP99Ms()).isPositive();
  }

  @Test
  void measuresEveryHopOfEveryCell() {
    for (CellResult cell : outcome.cells()) {
      for (Hop hop : Hop.values()) {
        assertThat(cell.hops().get(hop).count()).as("%s in %s", hop, name(cell)).isPositive();
      }
    }
  }

  @Test
  void answersAndUnansweredAddUpToTheTriggersOfTheWindow() {
    for (CellResult cell : outcome.cells()) {
      assertAddsUp(cell, Hop.BATCH_TO_SYNC, "ringrift.selfplay.batch-completed");
      assertAddsUp(cell, Hop.TRAINED_TO_EVALUATING, "ringrift.training.completed");
      assertAddsUp(cell, Hop.EVALUATED_TO_DECIDED, "ringrift.evaluation.completed");
    }
  }

  @Test
  void publishesBatchesAndCountsWhatEachStageDid() {
    for (CellResult cell : outcome.cells()) {
      assertThat(cell.publishedPerSecond()).as(name(cell)).isPositive();
      assertThat(cell.synced()).as(name(cell)).isPositive();
      assertThat(cell.events())
          .as(name(cell))
          .containsKeys(
              "ringrift.export.completed",
              "ringrift.training.completed",
              "ringrift.evaluation.completed");
    }
  }

  @Test
  void attributesCpuAndMemoryToTheServices() {
    for (CellResult cell : outcome.cells()) {
      assertThat(cell.usage())
          .as(name(cell))
          .containsKeys("selfplay-sync", "export", "training", "evaluation", "signal-computer");
      assertThat(cell.memory()).as(name(cell)).isNotEmpty();
      assertThat(cell.profile()).as(name(cell)).hasSizeGreaterThan(1);
    }
  }

  @Test
  void writesTheReportAndThePlots() throws Exception {
    List<String> report = Files.readAllLines(out.resolve("report.md"));
    assertThat(report).contains("## Throughput", "## Latency per hop", "## Cost");
    for (Hop hop : Hop.values()) {
      assertThat(String.join("\n", report)).contains(hop.label());
    }
    for (String plot : List.of("loop-throughput.png", "loop-p99.png", "loop-memory.png")) {
      BufferedImage image = ImageIO.read(out.resolve(plot).toFile());
      assertThat(image).as(plot).isNotNull();
      assertThat(image.getWidth()).as(plot).isPositive();
    }
  }

  private static void assertAddsUp(CellResult cell, Hop hop, String triggerTopic) {
    CellResult.HopLatency latency = cell.hops().get(hop);
    assertThat(latency.count() + latency.answeredEarly() + latency.unanswered())
        .as("%s answered + answered early + unanswered in %s", hop, name(cell))
        .isEqualTo(cell.events().getOrDefault(triggerTopic, 0L));
  }

  private static String name(CellResult cell) {
    return cell.hosts() + " hosts × " + cell.configs() + " configs";
  }
}
