package ai.ringrift.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A service that runs as a process of its own, {@code scripts/ringrift-service NAME} (the compose
 * cluster's schema registry and dashboard, a Streams app on a host of its own). A module offers its
 * services through a {@link Provider} registered in {@code
 * META-INF/services/ai.ringrift.runtime.StandaloneService$Provider}; {@link ServiceMain#main} finds
 * them with {@link ServiceLoader}, so no script or test keeps a list of its own.
 *
 * @param name what {@code ringrift-service} is given, e.g. {@code signal-computer}
 * @param summary one line for the list of services
 * @param main runs the service until the process is told to stop
 */
public record StandaloneService(String name, String summary, Runnable main) {
  public StandaloneService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(main, "main");
  }

  /** A module's standalone services. */
  public interface Provider {
    /** The services this module runs as processes of their own. */
    Iterable<StandaloneService> services();
  }

  /**
   * The services every provider on the classpath offers, by name.
   *
   * @throws IllegalStateException when two providers offer a service of one name
   */
  public static SortedMap<String, StandaloneService> fromClasspath() {
    return collect(ServiceLoader.load(Provider.class));
  }

  static SortedMap<String, StandaloneService> collect(Iterable<? extends Provider> providers) {
    SortedMap<String, StandaloneService> services = new TreeMap<>();
    for (Provider provider : providers) {
      for (StandaloneService service : provider.services()) {
        StandaloneService before = services.putIfAbsent(service.name(), service);
        if (before != null) {
          throw new IllegalStateException(
              "two standalone services are called '"
                  + service.name()
                  + "' (from "
                  + provider.getClass().getSimpleName()
                  + " and another provider): give one of them another name");
        }
      }
    }
    return services;
  }

  /** The list {@code ringrift-service} prints: name and summary, one service a line. */
  static String list(Map<String, StandaloneService> services) {
    StringBuilder text = new StringBuilder("services:\n");
    services
        .values()
        .forEach(s -> text.append(String.format("  %-22s %s%n", s.name(), s.summary())));
    return text.toString();
  }
}
