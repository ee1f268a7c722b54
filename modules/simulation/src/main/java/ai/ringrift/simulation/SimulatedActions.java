package ai.ringrift.simulation;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionPlugin;
import ai.ringrift.stages.host.Actions;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulated workload as the actions of {@code kind: SIMULATION}: {@code export.action} writes a
 * shard from the simulated games, {@code training.action} trains a simulated model, {@code
 * evaluation.action} plays a simulated gauntlet. Plugged in by the embedded run and the tests with
 * their settings ({@link #of}); found on the classpath ({@code META-INF/services}) and configured
 * from {@code stages.yaml} where a service's config says SIMULATION (it warns there).
 */
public final class SimulatedActions implements ActionPlugin {
  private final Supplier<SimulationSettings> settings;

  /** The plugin as {@code ServiceLoader} makes it: {@link #configure} it before use. */
  public SimulatedActions() {
    this.settings =
        () -> {
          throw new IllegalStateException("the simulated actions are not configured");
        };
  }

  private SimulatedActions(Supplier<SimulationSettings> settings) {
    this.settings = settings;
  }

  /** The simulated actions with {@code settings}. */
  public static SimulatedActions of(SimulationSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new SimulatedActions(() -> settings);
  }

  @Override
  public String name() {
    return Actions.SIMULATION;
  }

  @Override
  public ActionPlugin configure(ConfigSource config) {
    // read when a stage asks for a simulated action: a config without the section runs commands
    return new SimulatedActions(() -> SimulationSettings.load(config));
  }

  @Override
  public Action create(String key, Set<String> placeholders) {
    return switch (key) {
      case "export.action" -> new SimulatedExport();
      case "training.action" -> new SimulatedTrainer(settings.get());
      case "evaluation.action" -> new SimulatedEvaluator(settings.get());
      default -> throw new IllegalArgumentException("the simulation has no action for " + key);
    };
  }
}
