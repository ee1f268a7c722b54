package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code simulation} section of the repository's stages.yaml binds; a bad value names it. */
class SimulationSettingsTest {
  @TempDir Path dir;

  @Test
  void theRepositoryConfigBinds() {
    assertThat(
            SimulationSettings.load(ConfigSource.directory(Path.of("../../config")))
                .evaluator()
                .baselines())
        .hasSize(7);
  }

  @Test
  void namesAnOutOfRangeSimulationValue() throws IOException {
    String yaml =
        Files.readString(Path.of("../../config/stages.yaml"))
            .replace("drawRate: 0.05", "drawRate: 0.9");
    Files.writeString(dir.resolve("stages.yaml"), yaml);

    assertThatThrownBy(() -> SimulationSettings.load(ConfigSource.directory(dir)))
        .hasMessageEndingWith(
            "simulation.evaluator.drawRate: must be between 0.0 and 0.5, was 0.9");
  }
}
