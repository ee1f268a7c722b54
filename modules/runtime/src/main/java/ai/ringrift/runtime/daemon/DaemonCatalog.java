package ai.ringrift.runtime.daemon;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The daemons a launcher can start, by the name {@code config/daemons.yaml} uses. The stages module
 * contributes its own through {@link DaemonProvider}s ({@link #fromClasspath()}); whoever assembles
 * the launcher (the {@code ringrift} command, {@code ringrift up}) adds the Streams apps.
 */
public final class DaemonCatalog {
  private final Map<String, DaemonFactory> factories;

  private DaemonCatalog(Map<String, DaemonFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /**
   * Every daemon a {@link DaemonProvider} on the classpath makes (found with {@link
   * ServiceLoader}): the stages module's bandwidth allocator and five stage services, and whatever
   * else registers one.
   */
  public static DaemonCatalog fromClasspath() {
    DaemonCatalog all = empty();
    for (DaemonProvider provider : ServiceLoader.load(DaemonProvider.class)) {
      all = all.with(provider.name(), provider::create);
    }
    return all;
  }

  /** An empty catalog. */
  public static DaemonCatalog empty() {
    return new DaemonCatalog(Map.of());
  }

  /** A copy that can also start {@code name}. */
  public DaemonCatalog with(String name, DaemonFactory factory) {
    Map<String, DaemonFactory> more = new TreeMap<>(factories);
    if (more.put(name, factory) != null) {
      throw new IllegalArgumentException("daemon " + name + " is registered twice");
    }
    return new DaemonCatalog(more);
  }

  /** A copy that can also start every daemon of {@code other}. */
  public DaemonCatalog with(DaemonCatalog other) {
    DaemonCatalog all = this;
    for (Map.Entry<String, DaemonFactory> entry : new TreeMap<>(other.factories).entrySet()) {
      all = all.with(entry.getKey(), entry.getValue());
    }
    return all;
  }

  /** The factory of {@code name}. */
  public Optional<DaemonFactory> find(String name) {
    return Optional.ofNullable(factories.get(name));
  }

  public Set<String> names() {
    return new TreeSet<>(factories.keySet());
  }
}
