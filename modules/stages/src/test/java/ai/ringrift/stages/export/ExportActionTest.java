package ai.ringrift.stages.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.host.StagesFile;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When an export is due, with the repository's thresholds (20/30/40 bootstrap, 50/75/100, 60 s).
 */
class ExportActionTest {
  static final ExportAction ACTION =
      new ExportAction(
          StagesFile.section(
              ConfigSource.directory(Path.of("../../config")), "export", ExportConfig.class));
  static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");

  @Test
  void theFirstExportOfAConfigNeedsTheBootstrapCountOnly() {
    assertThat(ACTION.decide(2, 19, null, NOW).verdict()).isEqualTo(ExportAction.Verdict.NOT_DUE);
    assertThat(ACTION.decide(2, 20, null, NOW).verdict()).isEqualTo(ExportAction.Verdict.DUE);
    assertThat(ACTION.decide(4, 39, null, NOW).verdict()).isEqualTo(ExportAction.Verdict.NOT_DUE);
  }

  @Test
  void laterExportsNeedTheFullCountPerPlayerCount() {
    Instant last = NOW.minusSeconds(3600);
    assertThat(ACTION.decide(3, 74, last, NOW).verdict()).isEqualTo(ExportAction.Verdict.NOT_DUE);
    assertThat(ACTION.decide(3, 75, last, NOW).verdict()).isEqualTo(ExportAction.Verdict.DUE);
  }

  @Test
  void enoughGamesWithinTheCooldownWaitUntilItEnds() {
    ExportAction.Decision decision = ACTION.decide(2, 80, NOW.minusSeconds(10), NOW);

    assertThat(decision.verdict()).isEqualTo(ExportAction.Verdict.COOLING_DOWN);
    assertThat(decision.notBefore()).isEqualTo(NOW.plusSeconds(50));
  }
}
