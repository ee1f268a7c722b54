package ai.ringrift.runtime.daemon;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The daemons a launcher can start, by the name {@code config/daemons.yaml} uses: what the {@link
 * ServiceBundle}s of a run contribute ({@link ServiceBundles#daemons()}), plus any a run adds of
 * its own (the simulated selfplay hosts of {@code ringrift up}).
 */
public final class DaemonCatalog {
  private final Map<String, DaemonFactory> factories;

  private DaemonCatalog(Map<String, DaemonFactory> factories) {
    this.factories = Map.copyOf(factories);
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
