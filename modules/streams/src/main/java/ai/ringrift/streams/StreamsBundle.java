package ai.ringrift.streams;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.DaemonCatalog;
import ai.ringrift.runtime.daemon.ServiceBundle;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsAppSpec;
import ai.ringrift.streams.common.StreamsSettings;
import java.util.function.Function;

/**
 * The streams module's daemons, {@value #NAME}: every Streams app {@link StreamsApps#specs()}
 * finds, each a {@link StreamsDaemon} under its name in {@code daemons.yaml}. Registered as a
 * {@link ServiceBundle}, it starts the apps with the settings of {@code streams.yaml} and the
 * environment ({@code ringrift launch}); {@link #of(StreamsSettings)} starts them with settings a
 * run chooses (the embedded run keeps their state under its data directory).
 */
public final class StreamsBundle implements ServiceBundle {
  /** The bundle's name. */
  public static final String NAME = "streams";

  private final Function<ServiceContext, StreamsSettings> settings;

  /** The apps with the settings of the starting context's {@code streams.yaml} and environment. */
  public StreamsBundle() {
    this(context -> StreamsSettings.load(context.config(), System.getenv()));
  }

  private StreamsBundle(Function<ServiceContext, StreamsSettings> settings) {
    this.settings = settings;
  }

  /** The apps, each started with {@code settings}. */
  public static StreamsBundle of(StreamsSettings settings) {
    return new StreamsBundle(context -> settings);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DaemonCatalog daemons() {
    DaemonCatalog catalog = DaemonCatalog.empty();
    for (StreamsAppSpec<?> spec : StreamsApps.specs()) {
      catalog =
          catalog.with(
              spec.name(),
              context ->
                  new StreamsDaemon(context, c -> StreamsApp.start(c, settings.apply(c), spec)));
    }
    return catalog;
  }
}
