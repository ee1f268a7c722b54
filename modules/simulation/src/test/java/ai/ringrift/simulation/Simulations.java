package ai.ringrift.simulation;

import ai.ringrift.config.ConfigSource;
import java.nio.file.Path;

/** The simulation settings of the repository's config/stages.yaml, for tests. */
final class Simulations {
  private Simulations() {}

  static SimulationSettings settings() {
    return ConfigSource.directory(Path.of("../../config"))
        .section("stages.yaml", "simulation", SimulationSettings.class);
  }

  /** The repository's settings with a different trainer. */
  static SimulationSettings withTrainer(SimulationSettings.TrainerSettings trainer) {
    return settings().withTrainer(trainer);
  }
}
