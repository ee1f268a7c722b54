package ai.ringrift.stages.host;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionPlugin;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.command.CommandAction;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the stages' {@link ActionSpec}s become: the action registry whoever assembles the stages
 * builds and hands to them, so that no stage picks an implementation itself. {@code kind: COMMAND}
 * runs the external program (built in); {@code kind: PLUGIN} runs the {@link ActionPlugin} of that
 * name; {@code kind: SIMULATION} runs the plugin named {@value #SIMULATION}, which the simulation
 * module plugs in ({@code ringrift up}, tests) or registers on the classpath.
 *
 * <pre>{@code
 * Actions actions = Actions.fromClasspath(config);           // ringrift launch
 * Actions actions = Actions.none().with(simulatedActions);    // the embedded run, tests
 * Action training = actions.create("training.action", spec, TrainingAction.PLACEHOLDERS);
 * }</pre>
 */
public final class Actions {
  /** The name of the plugin that runs {@code kind: SIMULATION}. */
  public static final String SIMULATION = "simulation";

  private final Map<String, ActionPlugin> plugins;

  private Actions(Map<String, ActionPlugin> plugins) {
    this.plugins = Map.copyOf(plugins);
  }

  /** Only {@code kind: COMMAND}: no plugin. */
  public static Actions none() {
    return new Actions(Map.of());
  }

  /**
   * Every {@link ActionPlugin} on the classpath (found with {@link ServiceLoader}), each
   * {@linkplain ActionPlugin#configure configured} from {@code config}.
   */
  public static Actions fromClasspath(ConfigSource config) {
    Actions all = none();
    for (ActionPlugin plugin : ServiceLoader.load(ActionPlugin.class)) {
      all = all.with(plugin.configure(config));
    }
    return all;
  }

  /** A copy that runs {@code plugin} under its name (in place of one of the same name). */
  public Actions with(ActionPlugin plugin) {
    Map<String, ActionPlugin> more = new TreeMap<>(plugins);
    more.put(plugin.name(), plugin);
    return new Actions(more);
  }

  /**
   * The action {@code spec} describes.
   *
   * @param key the spec's config key (e.g. {@code training.action}), for errors and plugins
   * @param placeholders what the stage fills into each request
   * @throws ConfigException naming {@code key} when nothing here runs {@code spec}
   */
  public Action create(String key, ActionSpec spec, Set<String> placeholders) {
    return switch (spec.kind()) {
      case COMMAND -> CommandAction.create(key + ".command", spec.command(), placeholders);
      case SIMULATION -> plugin(SIMULATION, key, ".kind", placeholders);
      case PLUGIN -> plugin(spec.plugin(), key, ".plugin", placeholders);
    };
  }

  private Action plugin(String name, String key, String field, Set<String> placeholders) {
    ActionPlugin plugin = plugins.get(name);
    if (plugin == null) {
      String found = plugins.isEmpty() ? "none" : String.join(", ", plugins.keySet());
      throw new ConfigException(
          key + field,
          SIMULATION.equals(name) && field.equals(".kind")
              ? "SIMULATION needs the simulated workload (module simulation) on the classpath"
                  + " (action plugins found: "
                  + found
                  + ")"
              : "no action plugin named '" + name + "' on the classpath (found: " + found + ")");
    }
    try {
      return plugin.create(key, placeholders);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + field, e.getMessage());
    }
  }
}
