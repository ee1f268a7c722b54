package ai.ringrift.stages.action;

import ai.ringrift.config.ConfigSource;
import java.util.Set;

/**
 * Makes the actions of {@code kind: PLUGIN} named {@link #name()}. An implementation registers
 * itself in {@code META-INF/services/ai.ringrift.stages.action.ActionPlugin}; a stage whose spec
 * says {@code {kind: PLUGIN, plugin: <name>}} runs what {@link #create} returns. The benchmarks'
 * instant actions come this way, so no production code knows them.
 */
public interface ActionPlugin {
  /** The name a spec's {@code plugin} refers to. */
  String name();

  /**
   * This plugin with the settings it reads from {@code config} (e.g. the simulated workload's
   * section of {@code stages.yaml}); called once on a plugin found on the classpath, before {@link
   * #create}. Plugins without settings return themselves.
   */
  default ActionPlugin configure(ConfigSource config) {
    return this;
  }

  /**
   * The action for the spec at {@code key} (e.g. {@code export.action}, {@code sync.transfer}).
   *
   * @param placeholders the parameters the stage fills into each request
   * @throws IllegalArgumentException when this plugin has no action for {@code key}
   */
  Action create(String key, Set<String> placeholders);
}
