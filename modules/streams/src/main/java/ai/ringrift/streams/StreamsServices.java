package ai.ringrift.streams;

import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.StandaloneService;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsAppSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The Streams apps as processes of their own ({@code scripts/ringrift-service NAME}): each app
 * {@link StreamsApps#specs()} finds under its name, and all of them in one process as {@value
 * #ALL}. The same specs make the streams' bundle ({@link StreamsBundle}), so an app runs the same
 * way supervised by {@code ringrift launch} or alone.
 */
public final class StreamsServices implements StandaloneService.Provider {
  /** The service that runs every app in one process. */
  public static final String ALL = "streams";

  @Override
  public List<StandaloneService> services() {
    List<StandaloneService> services = new ArrayList<>();
    for (StreamsAppSpec<?> spec : StreamsApps.specs()) {
      services.add(
          new StandaloneService(
              spec.name(),
              "the Streams app " + spec.name() + " (/status/" + spec.viewName() + ")",
              () -> StreamsApp.run(spec)));
    }
    services.add(
        new StandaloneService(
            ALL,
            "every Streams app in one process",
            () -> ServiceMain.run(ALL, StreamsApps::start)));
    return services;
  }
}
