package ai.ringrift.runtime.daemon;

import ai.ringrift.events.DaemonState;
import ai.ringrift.runtime.daemon.HealthTracker.Verdict;
import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one daemon on a thread of its own and keeps it going: restarts it with backoff when it
 * crashes (or fails its health checks too often), gives up on a crash loop, stops it gracefully.
 * Every state change is reported; a run that ended is told apart from the current one by its
 * generation, so a late exit or check of an old run changes nothing.
 */
final class DaemonSupervisor {
  private static final Logger LOGGER = LoggerFactory.getLogger(DaemonSupervisor.class);

  private final String name;
  private final boolean critical;
  private final DaemonStarter starter;
  private final Parts parts;
  private final HealthTracker health;
  private DaemonState state = DaemonState.STOPPED;
  private Instant since;
  private Instant startedAt;
  private int restarts;
  private String lastError;
  private Instant nextRestart;
  private Daemon daemon;
  private Thread thread;
  private int generation;
  private boolean stopping;
  private String restartReason;
  private ScheduledFuture<?> pendingRestart;
  private ScheduledFuture<?> healthChecks;

  /** What every supervisor of a launcher shares. */
  record Parts(
      DaemonSettings settings,
      RestartPolicy policy,
      DaemonEvents events,
      ScheduledExecutorService scheduler,
      ExecutorService checks,
      Clock clock) {}

  /** Makes a fresh daemon for each start. */
  @FunctionalInterface
  interface DaemonStarter {
    Daemon create() throws Exception;
  }

  DaemonSupervisor(String name, boolean critical, DaemonStarter starter, Parts parts) {
    this.name = name;
    this.critical = critical;
    this.starter = starter;
    this.parts = parts;
    this.health = new HealthTracker(parts.settings().health());
    this.since = parts.clock().instant();
  }

  String name() {
    return name;
  }

  /** Starts the daemon unless it runs. */
  synchronized void start() {
    if (state == DaemonState.STOPPED || state == DaemonState.FAILED) {
      stopping = false;
      launch("started");
    }
  }

  private void launch(String reason) {
    int run = ++generation;
    transition(DaemonState.STARTING, reason);
    startedAt = parts.clock().instant();
    health.reset();
    Daemon created;
    try {
      created = starter.create();
    } catch (Exception e) {
      exited(run, e);
      return;
    }
    daemon = created;
    thread = new Thread(() -> runDaemon(created, run), "daemon-" + name);
    thread.start();
    long interval = parts.settings().health().interval(critical).toNanos();
    healthChecks =
        parts
            .scheduler()
            .scheduleAtFixedRate(
                () -> parts.checks().execute(() -> check(run)), 0, interval, TimeUnit.NANOSECONDS);
  }

  private void runDaemon(Daemon running, int run) {
    Throwable error = null;
    try {
      running.run();
    } catch (Throwable e) {
      error = e;
    }
    exited(run, error);
  }

  private synchronized void exited(int run, Throwable error) {
    if (run != generation) {
      return;
    }
    cancel(healthChecks);
    daemon = null;
    thread = null;
    if (stopping) {
      transition(DaemonState.STOPPED, "stopped");
      return;
    }
    String why =
        restartReason != null
            ? restartReason
            : error == null ? "run() returned without being asked to stop" : error.toString();
    restartReason = null;
    lastError = why;
    LOGGER.warn("daemon={} crashed: {}", name, why, error);
    RestartPolicy.Decision decision = parts.policy().onCrash(name);
    if (!decision.restart()) {
      transition(DaemonState.FAILED, why + "; " + decision.reason() + ": not restarted");
      return;
    }
    restarts++;
    Duration delay = decision.delayFrom(parts.clock().instant());
    transition(DaemonState.RESTARTING, why + "; " + decision.reason() + "; starting in " + delay);
    pendingRestart =
        parts.scheduler().schedule(() -> restart(run), delay.toNanos(), TimeUnit.NANOSECONDS);
    nextRestart = decision.at();
  }

  private synchronized void restart(int run) {
    if (run == generation && !stopping && state == DaemonState.RESTARTING) {
      nextRestart = null;
      launch("restarted after: " + lastError);
    }
  }

  /** One health check of run {@code run}: the call itself runs outside the lock, with a timeout. */
  private void check(int run) {
    Daemon checked;
    synchronized (this) {
      if (run != generation || daemon == null || stopping || restartReason != null) {
        return;
      }
      checked = daemon;
    }
    HealthCheck.Result result =
        HealthProbe.call(checked, parts.checks(), parts.settings().health().timeout());
    synchronized (this) {
      if (run != generation || daemon == null || stopping || restartReason != null) {
        return;
      }
      Verdict verdict = health.record(result, startedAt, parts.clock().instant());
      switch (verdict) {
        case HEALTHY -> {
          if (state != DaemonState.RUNNING) {
            transition(DaemonState.RUNNING, "healthy");
          }
        }
        case IN_GRACE -> {}
        case DEGRADED -> {
          lastError = "unhealthy: " + result.getMessage();
          if (state != DaemonState.DEGRADED) {
            transition(DaemonState.DEGRADED, lastError);
          }
        }
        case RESTART -> restartUnhealthy(run, result.getMessage());
      }
    }
  }

  /** Stops an unhealthy run; its exit is then handled like a crash. */
  private void restartUnhealthy(int run, String message) {
    restartReason =
        "unhealthy: "
            + message
            + " ("
            + parts.settings().health().failuresBeforeRestart()
            + " failed checks)";
    daemon.stop();
    Thread running = thread;
    parts
        .scheduler()
        .schedule(
            () -> abandonIfStuck(run, running),
            parts.settings().stopTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
  }

  private synchronized void abandonIfStuck(int run, Thread running) {
    if (run == generation && running.isAlive()) {
      running.interrupt();
      generation++; // whatever it does now is no longer ours
      cancel(healthChecks);
      daemon = null;
      thread = null;
      lastError = restartReason + "; did not stop within " + parts.settings().stopTimeout();
      restartReason = null;
      transition(DaemonState.FAILED, lastError + ": interrupted and abandoned");
    }
  }

  /**
   * Stops the daemon: asks it to finish or hand back its action, waits up to the stop timeout, then
   * interrupts it.
   */
  void stop() throws InterruptedException {
    Daemon running;
    Thread runningThread;
    synchronized (this) {
      stopping = true;
      cancel(pendingRestart);
      cancel(healthChecks);
      if (daemon == null) {
        if (state != DaemonState.STOPPED && state != DaemonState.FAILED) {
          transition(DaemonState.STOPPED, "stopped");
        }
        return;
      }
      transition(DaemonState.STOPPING, "stop requested");
      running = daemon;
      runningThread = thread;
    }
    running.stop();
    Duration timeout = parts.settings().stopTimeout();
    runningThread.join(timeout.toMillis());
    if (runningThread.isAlive()) {
      LOGGER.warn("daemon={} did not stop within {}; interrupting it", name, timeout);
      runningThread.interrupt();
      runningThread.join(1000);
    }
    synchronized (this) {
      if (state == DaemonState.STOPPING) {
        generation++;
        daemon = null;
        thread = null;
        transition(DaemonState.STOPPED, "did not stop within " + timeout + "; abandoned");
      }
    }
  }

  synchronized DaemonStatus status() {
    Instant now = parts.clock().instant();
    boolean up = daemon != null;
    Daemon current = daemon;
    return new DaemonStatus(
        name,
        state,
        since,
        up && startedAt != null ? Duration.between(startedAt, now) : Duration.ZERO,
        restarts,
        Optional.ofNullable(lastError),
        up ? current.roles() : Set.of(),
        up ? current.lag() : 0,
        Optional.ofNullable(nextRestart));
  }

  private void transition(DaemonState to, String reason) {
    DaemonState from = state;
    state = to;
    since = parts.clock().instant();
    LOGGER.info("daemon={} state {} -> {}: {}", name, from, to, reason);
    parts.events().stateChanged(name, from, to, reason);
    parts.events().heartbeat(status()); // the cluster's view need not wait for the next beat
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }
}
