package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.host.Actions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kind SIMULATION runs the simulated workload, plugged in or found on the classpath. */
class SimulatedActionsTest {
  static final ActionSpec SIMULATION = new ActionSpec(ActionKind.SIMULATION, null);

  @Test
  void createsTheSimulationOfEachStageForSimulationKind() {
    Actions actions = Actions.none().with(SimulatedActions.of(Simulations.settings()));

    assertThat(actions.create("export.action", SIMULATION, Set.of()))
        .isInstanceOf(SimulatedExport.class);
    assertThat(actions.create("training.action", SIMULATION, Set.of()))
        .isInstanceOf(SimulatedTrainer.class);
    assertThat(actions.create("evaluation.action", SIMULATION, Set.of()))
        .isInstanceOf(SimulatedEvaluator.class);
  }

  @Test
  void isFoundOnTheClasspathWithTheSettingsOfTheConfig() {
    Actions actions = Actions.fromClasspath(ConfigSource.directory(Path.of("../../config")));

    assertThat(actions.create("training.action", SIMULATION, Set.of()))
        .isInstanceOf(SimulatedTrainer.class);
  }

  @Test
  void namesAStageTheSimulationHasNoActionFor() {
    Actions actions = Actions.none().with(SimulatedActions.of(Simulations.settings()));

    assertThatThrownBy(() -> actions.create("promotion.action", SIMULATION, Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("promotion.action.kind: the simulation has no action for promotion.action");
  }
}
