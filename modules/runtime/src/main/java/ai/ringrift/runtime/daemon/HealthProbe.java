package ai.ringrift.runtime.daemon;

import com.codahale.metrics.health.HealthCheck;
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
  static HealthCheck.Result call(Daemon daemon, ExecutorService executor, Duration timeout) {
    Future<HealthCheck.Result> call = executor.submit(daemon::health);
    try {
      HealthCheck.Result result = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return result == null
          ? HealthCheck.Result.unhealthy("health check returned nothing")
          : result;
    } catch (TimeoutException e) {
      call.cancel(true);
      return HealthCheck.Result.unhealthy("health check took longer than " + timeout);
    } catch (ExecutionException e) {
      return HealthCheck.Result.unhealthy("health check failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthCheck.Result.unhealthy("health check interrupted");
    }
  }
}
