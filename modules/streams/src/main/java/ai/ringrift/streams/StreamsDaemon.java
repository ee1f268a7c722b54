package ai.ringrift.streams;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.streams.common.StreamsApp;
import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Streams app as a daemon of the launcher: started on {@link #run()}, closed on {@link #stop()};
 * an app that stopped on its own (a stream thread died, the client shut down) ends the run as a
 * crash, which the launcher restarts with backoff.
 */
public final class StreamsDaemon implements Daemon {
  private static final long CHECK_MILLIS = 1000;

  private final Function<ServiceContext, StreamsApp> starter;
  private final ServiceContext context;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile StreamsApp app;

  /** A daemon that runs the app {@code starter} starts in {@code context}. */
  public StreamsDaemon(ServiceContext context, Function<ServiceContext, StreamsApp> starter) {
    this.context = context;
    this.starter = starter;
  }

  @Override
  public void run() throws Exception {
    StreamsApp started = starter.apply(context);
    app = started;
    try {
      while (!stopped.await(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
        KafkaStreams.State state = started.streams().state();
        if (state == KafkaStreams.State.ERROR
            || state == KafkaStreams.State.PENDING_ERROR
            || state == KafkaStreams.State.NOT_RUNNING) {
          throw new IllegalStateException(
              "streams app " + started.name() + " stopped on its own: state " + state);
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
  public HealthCheck.Result health() {
    StreamsApp current = app;
    if (current == null) {
      return HealthCheck.Result.unhealthy("not started");
    }
    KafkaStreams.State state = current.streams().state();
    return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
        ? HealthCheck.Result.healthy()
        : HealthCheck.Result.unhealthy("state " + state);
  }
}
