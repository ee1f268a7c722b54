package ai.ringrift.admin.up;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a short setting: {@code ringrift up --fresh --iterations 3} for one
 * config runs the simulated loop on a real embedded broker until three promotion decisions, then
 * prints the summary and stops.
 */
class UpLoopIT {
  static final Pattern TOTALS =
      Pattern.compile("summary after .*: (\\d+) promoted, (\\d+) rejected");

  @TempDir Path dir;

  @Test
  void upRunsThreeIterationsAndSummarisesPromotedAndRejectedModels() {
    Cli.Result result =
        Cli.run(
            "up",
            "--fresh",
            "--iterations",
            "3",
            "--configs",
            "square8_2p",
            "--data-dir",
            dir.toString(),
            "--port",
            "0",
            "--controller-port",
            "0",
            "--registry-port",
            "0",
            "--http-port",
            "0");

    System.out.println(result.out()); // what a user sees, kept in the failsafe report
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("ready: bootstrap servers ").contains("playing square8_2p");
    Matcher totals = TOTALS.matcher(result.out());
    assertThat(totals.find()).as(result.out()).isTrue();
    int promoted = Integer.parseInt(totals.group(1));
    int rejected = Integer.parseInt(totals.group(2));
    assertThat(promoted + rejected).as("decisions").isGreaterThanOrEqualTo(3);
    assertThat(promoted).as("promoted").isGreaterThanOrEqualTo(1);
    assertThat(rejected).as("rejected").isGreaterThanOrEqualTo(1);
    String summaryRow =
        result
            .out()
            .lines()
            .filter(l -> l.startsWith("square8_2p"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(summaryRow).as("Elo start -> end").containsPattern("\\d+ -> \\d+");
    assertThat(result.out()).contains("stopped; data kept in");
  }
}
