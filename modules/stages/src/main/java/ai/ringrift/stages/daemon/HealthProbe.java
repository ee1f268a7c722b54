package ai.ringrift.stages.daemon;

import ai.ringrift.stages.host.Daemon;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One health check, bounded in time: a check that hangs or throws is a failed check. */
final class HealthProbe {
  private HealthProbe() {}

  /** {@code daemon.health()} on {@code executor}, or a failure after {@code timeout}. */
  static Daemon.Health call(Daemon daemon, ExecutorService executor, Duration timeout) {
    Future<Daemon.Health> call = executor.submit(daemon::health);
    try {
      Daemon.Health result = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return result == null ? Daemon.Health.unhealthy("health check returned nothing") : result;
    } catch (TimeoutException e) {
      call.cancel(true);
      return Daemon.Health.unhealthy("health check took longer than " + timeout);
    } catch (ExecutionException e) {
      return Daemon.Health.unhealthy("health check failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Daemon.Health.unhealthy("health check interrupted");
    }
  }
}
