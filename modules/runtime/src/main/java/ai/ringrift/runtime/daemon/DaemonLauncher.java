package ai.ringrift.runtime.daemon;

import ai.ringrift.config.ConfigException;
import ai.ringrift.events.DaemonState;
import ai.ringrift.runtime.ServiceContext;
import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the selected daemons, each under a {@link DaemonSupervisor}, publishes their heartbeats,
 * serves their status at {@code /status/daemons} and stops them all gracefully on close.
 */
public final class DaemonLauncher implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(DaemonLauncher.class);

  private final List<DaemonSupervisor> supervisors;
  private final DaemonSupervisor.Parts parts;

  private DaemonLauncher(List<DaemonSupervisor> supervisors, DaemonSupervisor.Parts parts) {
    this.supervisors = List.copyOf(supervisors);
    this.parts = parts;
  }

  /**
   * Starts the daemons {@code selection} picks from {@code settings}, made by {@code daemons} from
   * {@code context}, on the system clock, their state changes and heartbeats sent to Kafka from
   * this host as {@code <runner>@<instance id>}: how {@code ringrift launch}, {@code ringrift up}
   * and the loop benchmark run the daemons of their bundles.
   */
  public static DaemonLauncher start(
      ServiceContext context,
      DaemonSettings settings,
      DaemonCatalog daemons,
      LaunchSelection selection,
      String runner) {
    Clock clock = Clock.systemUTC();
    KafkaDaemonEvents events =
        KafkaDaemonEvents.of(context, runner + "@" + context.runtime().instanceId(), clock);
    try {
      return start(context, settings, daemons, selection, events, clock);
    } catch (RuntimeException e) {
      events.close();
      throw e;
    }
  }

  /**
   * Starts the daemons {@code selection} picks from {@code settings}, made by {@code catalog} from
   * {@code context}; a configured daemon the catalog cannot make is an error before anything
   * starts.
   */
  public static DaemonLauncher start(
      ServiceContext context,
      DaemonSettings settings,
      DaemonCatalog catalog,
      LaunchSelection selection,
      DaemonEvents events,
      Clock clock) {
    List<String> names = selection.resolve(settings);
    for (String name : names) {
      if (catalog.find(name).isEmpty()) {
        throw new ConfigException(
            "daemons." + name,
            "is configured but not wired into this launcher (wired: " + catalog.names() + ")");
      }
    }
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(2, daemonThreads("daemon-supervisor"));
    ExecutorService checks = Executors.newCachedThreadPool(daemonThreads("daemon-health"));
    DaemonSupervisor.Parts parts =
        new DaemonSupervisor.Parts(
            settings,
            new RestartPolicy(settings.restart(), clock),
            events,
            scheduler,
            checks,
            clock);
    List<DaemonSupervisor> supervisors = new ArrayList<>();
    for (String name : names) {
      DaemonFactory factory = catalog.find(name).orElseThrow();
      supervisors.add(
          new DaemonSupervisor(
              name, settings.daemons().get(name).critical(), () -> factory.create(context), parts));
    }
    DaemonLauncher launcher = new DaemonLauncher(supervisors, parts);
    context.runtime().http().view("daemons", launcher::status);
    context.runtime().health().register("daemons", launcher.healthCheck());
    LOGGER.info("launching {}: {}", selection, names);
    supervisors.forEach(DaemonSupervisor::start);
    long heartbeat = settings.heartbeatInterval().toNanos();
    scheduler.scheduleAtFixedRate(launcher::heartbeat, heartbeat, heartbeat, TimeUnit.NANOSECONDS);
    return launcher;
  }

  /** Every launched daemon's status, by name. */
  public List<DaemonStatus> status() {
    return supervisors.stream().map(DaemonSupervisor::status).toList();
  }

  private void heartbeat() {
    for (DaemonStatus status : status()) {
      parts.events().heartbeat(status);
    }
  }

  private HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        List<String> failed =
            status().stream()
                .filter(s -> s.state() == DaemonState.FAILED)
                .map(s -> s.name() + ": " + s.lastError().orElse("failed"))
                .toList();
        return failed.isEmpty() ? Result.healthy() : Result.unhealthy(String.join("; ", failed));
      }
    };
  }

  /**
   * Stops the daemons of {@code names} at once (each finishes or hands back its action) and waits
   * for them; the others go on. For an order of stopping: the producers of work before its
   * consumers.
   */
  public void stop(java.util.Collection<String> names) {
    stopAll(supervisors.stream().filter(s -> names.contains(s.name())).toList());
  }

  /** Stops every daemon at once (each finishes or hands back its action), then reports them. */
  @Override
  public void close() {
    stopAll(supervisors);
    heartbeat();
    parts.scheduler().shutdownNow();
    parts.checks().shutdownNow();
    parts.events().close();
  }

  private static void stopAll(List<DaemonSupervisor> which) {
    List<Thread> stopping = new ArrayList<>();
    for (DaemonSupervisor supervisor : which) {
      Thread t = new Thread(() -> stop(supervisor), "stop-" + supervisor.name());
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void stop(DaemonSupervisor supervisor) {
    try {
      supervisor.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
