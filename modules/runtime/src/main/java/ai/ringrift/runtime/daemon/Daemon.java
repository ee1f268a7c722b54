package ai.ringrift.runtime.daemon;

import com.codahale.metrics.health.HealthCheck;
import java.util.Set;

/**
 * A long-running part of the platform the launcher starts, watches and restarts: a stage service, a
 * Streams app, the bandwidth allocator. The launcher makes a fresh instance for every start (see
 * {@link DaemonFactory}), runs {@link #run()} on a thread of its own and treats its end as follows:
 * it returns after {@link #stop()} was asked — a clean stop; it returns on its own or throws — a
 * crash, restarted with backoff.
 */
public interface Daemon {
  /** Runs until {@link #stop()} is called (then returns) or until it fails (then throws). */
  void run() throws Exception;

  /**
   * Asks {@link #run()} to return soon: finish the current action if it ends within the stop
   * timeout, otherwise hand it back (leave its trigger uncommitted so that another instance takes
   * it). Called from another thread; must not block.
   */
  void stop();

  /**
   * Whether the daemon works, in Dropwizard's health-check vocabulary like every other check of the
   * platform; called every health-check interval, must answer quickly.
   */
  default HealthCheck.Result health() {
    return HealthCheck.Result.healthy();
  }

  /** The leader roles this instance holds now (for status and heartbeats). */
  default Set<String> roles() {
    return Set.of();
  }

  /** How many records the daemon's consumers are behind the end of their topics. */
  default long lag() {
    return 0;
  }

  /** A health check's answer. */
  record Health(boolean healthy, String message) {
    public static Health ok() {
      return new Health(true, "ok");
    }

    public static Health unhealthy(String message) {
      return new Health(false, message);
    }
  }
}
