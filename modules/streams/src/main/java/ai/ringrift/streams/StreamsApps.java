package ai.ringrift.streams;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsAppProvider;
import ai.ringrift.streams.common.StreamsAppSpec;
import ai.ringrift.streams.common.StreamsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streams apps in one process sharing one service runtime (the embedded run, or a small
 * deployment): each keeps its own application id and state directory and registers its own status
 * view ({@code /status/signals}, {@code /status/circuits}, {@code /status/models}).
 */
public final class StreamsApps implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StreamsApps.class);

  /**
   * The apps on the classpath, each found by its {@link StreamsAppProvider}, in the order they
   * start (signal computer, circuit breakers, promotion controller).
   */
  public static List<StreamsAppSpec<?>> specs() {
    List<StreamsAppSpec<?>> specs = new ArrayList<>();
    for (StreamsAppProvider provider : ServiceLoader.load(StreamsAppProvider.class)) {
      specs.add(provider.spec());
    }
    return List.copyOf(specs);
  }

  private final List<StreamsApp> apps;

  private StreamsApps(List<StreamsApp> apps) {
    this.apps = List.copyOf(apps);
  }

  /** Starts every app with the settings of {@code context}'s config directory. */
  public static StreamsApps start(ServiceContext context) {
    return start(context, StreamsSettings.load(context.config(), System.getenv()));
  }

  /** Starts every app with {@code settings}; if one fails to start, the others are closed. */
  public static StreamsApps start(ServiceContext context, StreamsSettings settings) {
    List<StreamsApp> started = new ArrayList<>();
    try {
      for (StreamsAppSpec<?> spec : specs()) {
        started.add(StreamsApp.start(context, settings, spec));
      }
      return new StreamsApps(started);
    } catch (RuntimeException e) {
      new StreamsApps(started).close();
      throw e;
    }
  }

  /** The running apps. */
  public List<StreamsApp> apps() {
    return apps;
  }

  /** Closes the apps, last started first. */
  @Override
  public void close() {
    for (int i = apps.size() - 1; i >= 0; i--) {
      try {
        apps.get(i).close();
      } catch (RuntimeException e) {
        LOGGER.warn("app={} failed to close", apps.get(i).name(), e);
      }
    }
  }
}
