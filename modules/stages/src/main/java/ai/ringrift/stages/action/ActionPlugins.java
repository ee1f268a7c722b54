package ai.ringrift.stages.action;

import ai.ringrift.config.ConfigException;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The {@link ActionPlugin}s on the classpath, looked up by name. */
final class ActionPlugins {
  private ActionPlugins() {}

  /**
   * The action of plugin {@code name} for the spec at {@code key}.
   *
   * @throws ConfigException naming {@code key}'s plugin when no plugin has that name or the plugin
   *     has no action for {@code key}
   */
  static Action create(String name, String key, Set<String> placeholders) {
    Set<String> known = new TreeSet<>();
    for (ActionPlugin plugin : ServiceLoader.load(ActionPlugin.class)) {
      if (plugin.name().equals(name)) {
        try {
          return plugin.create(key, placeholders);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(key + ".plugin", e.getMessage());
        }
      }
      known.add(plugin.name());
    }
    throw new ConfigException(
        key + ".plugin",
        "no action plugin named '"
            + name
            + "' on the classpath (found: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + ")");
  }
}
