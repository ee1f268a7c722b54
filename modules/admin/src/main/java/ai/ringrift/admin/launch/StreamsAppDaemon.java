package ai.ringrift.admin.launch;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.stages.daemon.Daemon;
import ai.ringrift.streams.common.StreamsApp;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Kafka Streams app of modules/streams as a daemon of {@code ringrift launch}: {@link #run()}
 * starts the app in the launcher's runtime and returns when asked to stop; an app that leaves the
 * running states on its own (a stream thread died and shut the client down, {@code ERROR} or {@code
 * NOT_RUNNING}) is a crash, which the supervisor restarts with a fresh app.
 */
final class StreamsAppDaemon implements Daemon {
  /** How often {@link #run()} looks at the app's state. */
  private static final Duration WATCH = Duration.ofMillis(500);

  private final String name;
  private final ServiceContext context;
  private final Function<ServiceContext, StreamsApp> starter;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile StreamsApp app;

  StreamsAppDaemon(
      String name, ServiceContext context, Function<ServiceContext, StreamsApp> starter) {
    this.name = name;
    this.context = context;
    this.starter = starter;
  }

  @Override
  public void run() throws Exception {
    StreamsApp started = starter.apply(context);
    app = started;
    try {
      while (!stopped.await(WATCH.toMillis(), TimeUnit.MILLISECONDS)) {
        KafkaStreams.State state = started.streams().state();
        if (state == KafkaStreams.State.ERROR
            || state == KafkaStreams.State.NOT_RUNNING
            || state == KafkaStreams.State.PENDING_ERROR) {
          throw new IllegalStateException("streams app " + name + " stopped on its own: " + state);
        }
      }
    } finally {
      started.close();
    }
  }

  @Override
  public void stop() {
    stopped.countDown();
  }

  @Override
  public Health health() {
    StreamsApp current = app;
    if (current == null) {
      return Health.unhealthy("not started");
    }
    KafkaStreams.State state = current.streams().state();
    return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
        ? Health.ok()
        : Health.unhealthy("state " + state);
  }

  /** The running app, or null before the first start (tests). */
  StreamsApp app() {
    return app;
  }
}
