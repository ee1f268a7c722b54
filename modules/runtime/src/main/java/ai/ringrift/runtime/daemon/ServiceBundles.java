package ai.ringrift.runtime.daemon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The bundles of one run, by name: those on the classpath ({@link #fromClasspath()}), with any a
 * run makes otherwise in their place ({@link #with}). Their daemons together are what the run's
 * launcher can start.
 *
 * <pre>{@code
 * DaemonCatalog daemons =
 *     ServiceBundles.fromClasspath().with(StreamsBundle.of(settings)).daemons();
 * }</pre>
 */
public final class ServiceBundles {
  private final Map<String, ServiceBundle> bundles;

  private ServiceBundles(Map<String, ServiceBundle> bundles) {
    this.bundles = bundles;
  }

  /** Every bundle registered in {@code META-INF/services} on the classpath. */
  public static ServiceBundles fromClasspath() {
    ServiceBundles all = none();
    for (ServiceBundle bundle : ServiceLoader.load(ServiceBundle.class)) {
      if (all.bundles.containsKey(bundle.name())) {
        throw new IllegalStateException(
            "two bundles named "
                + bundle.name()
                + " on the classpath: "
                + all.bundles.get(bundle.name()).getClass().getSimpleName()
                + ", "
                + bundle.getClass().getSimpleName());
      }
      all = all.with(bundle);
    }
    return all;
  }

  /** No bundle. */
  public static ServiceBundles none() {
    return new ServiceBundles(Map.of());
  }

  /** A copy with {@code bundle}, in place of the bundle of the same name if there is one. */
  public ServiceBundles with(ServiceBundle bundle) {
    Map<String, ServiceBundle> more = new LinkedHashMap<>(bundles);
    more.put(bundle.name(), bundle);
    return new ServiceBundles(Map.copyOf(more));
  }

  /** The bundles' names. */
  public List<String> names() {
    return bundles.keySet().stream().sorted().toList();
  }

  /** Every daemon of every bundle; a daemon name two bundles use is an error. */
  public DaemonCatalog daemons() {
    DaemonCatalog all = DaemonCatalog.empty();
    for (String name : names()) {
      all = all.with(bundles.get(name).daemons());
    }
    return all;
  }
}
