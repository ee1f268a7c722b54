package ai.ringrift.stages.host;

import ai.ringrift.runtime.daemon.Daemon;
import com.codahale.metrics.health.HealthCheck;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What every stage service is to the launcher and the embedded run: a daemon whose work its {@link
 * StageHost} does. {@code S} is the service's own type, so {@link #start()} returns it.
 */
public abstract class StageService<S extends StageService<S>> implements Daemon, AutoCloseable {
  /** The host that consumes the service's triggers. */
  protected abstract StageHost host();

  /** Starts handling triggers (for the embedded run; a daemon calls {@link #run()}). */
  @SuppressWarnings("unchecked")
  public S start() {
    host().start();
    return (S) this;
  }

  /** The partitions of the trigger topics this instance owns now. */
  public Set<TopicPartition> assignment() {
    return host().assignment();
  }

  @Override
  public void run() throws Exception {
    host().run();
  }

  @Override
  public void stop() {
    host().stop();
  }

  @Override
  public HealthCheck.Result health() {
    return host().health();
  }

  @Override
  public long lag() {
    return host().lag();
  }

  @Override
  public void close() {
    host().close();
  }
}
