package ai.ringrift.stages.action;

import ai.ringrift.config.Check;

/**
 * Which action a stage runs (the {@code action:} block of a stage in {@code config/stages.yaml}):
 * {@code kind: COMMAND} with a {@code command:} block, {@code kind: SIMULATION}, or {@code kind:
 * PLUGIN} with the {@code plugin:} that makes it (an {@link ActionPlugin} on the classpath). What
 * runs for a spec is the business of the action registry the stages are given, never of the spec or
 * the stage.
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
}
