package ai.ringrift.stages.action;

import ai.ringrift.config.Check;
import ai.ringrift.stages.action.command.CommandAction;
import ai.ringrift.stages.action.command.CommandSpec;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which action a stage runs (the {@code action:} block of a stage in {@code config/stages.yaml}):
 * {@code kind: COMMAND} with a {@code command:} block, {@code kind: SIMULATION}, or {@code kind:
 * PLUGIN} with the {@code plugin:} that makes it (an {@link ActionPlugin} on the classpath).
 *
 * @param kind what runs
 * @param command the external command; required for {@code COMMAND}
 * @param plugin the {@link ActionPlugin}'s name; required for {@code PLUGIN}
 */
public record ActionSpec(ActionKind kind, CommandSpec command, String plugin) {
  public ActionSpec {
    Check.present("kind", kind);
    Check.that(
        kind != ActionKind.COMMAND || command != null,
        "command",
        "is required when kind is COMMAND");
    Check.that(
        kind != ActionKind.PLUGIN || (plugin != null && !plugin.isBlank()),
        "plugin",
        "is required when kind is PLUGIN: the name of an action plugin on the classpath");
  }

  /** A spec without a plugin: {@code COMMAND} or {@code SIMULATION}. */
  public ActionSpec(ActionKind kind, CommandSpec command) {
    this(kind, command, null);
  }

  /**
   * The action this spec describes.
   *
   * @param key the spec's config key (e.g. {@code training.action}), for errors
   * @param placeholders what the stage fills into a command template
   * @param simulation makes the simulated action of the stage
   */
  public Action create(String key, Set<String> placeholders, Supplier<Action> simulation) {
    return switch (kind) {
      case COMMAND -> CommandAction.create(key + ".command", command, placeholders);
      case SIMULATION -> simulation.get();
      case PLUGIN -> ActionPlugins.create(plugin, key, placeholders);
    };
  }
}
