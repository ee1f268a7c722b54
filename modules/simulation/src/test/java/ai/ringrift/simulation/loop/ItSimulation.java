package ai.ringrift.simulation.loop;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.stages.it.ItSupport;

/** The simulated workload's settings the loop's integration tests run with. */
final class ItSimulation {
  private ItSimulation() {}

  /** The {@code simulation} section of the repository's {@code config/stages.yaml}. */
  static SimulationSettings settings() {
    return SimulationSettings.load(ConfigSource.directory(ItSupport.REPOSITORY_CONFIG));
  }
}
