package ai.ringrift.runtime.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.DaemonState;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.daemon.ScriptedDaemon.Script;
import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Supervision with real threads and short delays (no broker: the events are recorded): restarts,
 * crash loops, health checks and graceful stops.
 */
class DaemonLauncherTest {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  final ServiceRuntime runtime = ServiceRuntime.start("launcher-test", RuntimeSettings.ephemeral());
  final ServiceContext context =
      ServiceMain.context(
          // no broker here: the start-up check of the topics' wire format gives up at once
          ConfigSource.directory(Path.of("../../config"))
              .withOverrides("client.yaml", Map.of("wire.checkTimeoutMs", 1)),
          KafkaSettings.of("localhost:1"),
          runtime);
  final RecordingEvents events = new RecordingEvents();
  final List<ScriptedDaemon> made = new CopyOnWriteArrayList<>();
  DaemonLauncher launcher;

  /** Fast numbers: restarts after 50 ms, doubling; checks every 100 ms. */
  static DaemonSettings fast(double graceSeconds, String... names) {
    Map<String, DaemonSettings.Spec> daemons = new java.util.TreeMap<>();
    for (String name : names) {
      daemons.put(name, new DaemonSettings.Spec(false, List.of("sync")));
    }
    return new DaemonSettings(
        new RestartSettings(0.05, 5, List.of(0.1), 3600, 3, 300, 25, 300, 120),
        new DaemonHealthSettings(0.1, 0.1, 0.05, graceSeconds, 3),
        0.05,
        0.5,
        daemons);
  }

  @AfterEach
  void close() {
    if (launcher != null) {
      launcher.close();
    }
    runtime.close();
  }

  DaemonLauncher launch(DaemonSettings settings, String name, DaemonFactory factory) {
    launcher =
        DaemonLauncher.start(
            context,
            settings,
            DaemonCatalog.empty().with(name, factory),
            LaunchSelection.stage(name),
            events,
            Clock.systemUTC());
    return launcher;
  }

  DaemonFactory scripted(Script script, java.util.function.Supplier<HealthCheck.Result> health) {
    return ctx -> {
      ScriptedDaemon daemon = new ScriptedDaemon(script, health);
      made.add(daemon);
      return daemon;
    };
  }

  DaemonStatus status() {
    return launcher.status().get(0);
  }

  @Test
  void aCrashingDaemonIsRestartedWithBackoffUntilItsCrashLoopFailsIt() {
    // never healthy, within its start grace: no RUNNING in between to race with the crash
    launch(
        fast(3600, "export"),
        "export",
        scripted(Script.CRASH, () -> HealthCheck.Result.unhealthy("starting")));
    await().atMost(DEADLINE).until(() -> status().state() == DaemonState.FAILED);
    assertThat(events.of("export"))
        .containsExactly(
            "STOPPED->STARTING",
            "STARTING->RESTARTING",
            "RESTARTING->STARTING",
            "STARTING->RESTARTING",
            "RESTARTING->STARTING",
            "STARTING->FAILED");
    assertThat(made).hasSize(3);
    assertThat(status().restarts()).isEqualTo(2);
    assertThat(status().lastError()).hasValueSatisfying(e -> assertThat(e).contains("disk full"));
    assertThat(events.reasons).anyMatch(r -> r.contains("crash loop: 3 crashes"));
    assertThat(runtime.runHealthChecks().get("daemons").isHealthy()).isFalse();
  }

  @Test
  void aHealthyDaemonRunsAndStopsGracefullyFinishingItsAction() {
    launch(
        fast(0, "sync"), "sync", scripted(Script.RUN_UNTIL_STOPPED, HealthCheck.Result::healthy));
    await().atMost(DEADLINE).until(() -> status().state() == DaemonState.RUNNING);
    // two come with the state changes so far; the rest are the periodic ones
    await().atMost(DEADLINE).until(() -> events.heartbeats.size() >= 5);
    assertThat(events.heartbeats)
        .last()
        .satisfies(h -> assertThat(h.state()).isEqualTo(DaemonState.RUNNING));
    launcher.close();
    launcher = null;
    assertThat(events.of("sync"))
        .containsExactly(
            "STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->STOPPED");
    assertThat(made).singleElement().satisfies(d -> assertThat(d.finished).isTrue());
  }

  @Test
  void aDaemonFailingItsChecksIsDegradedThenRestarted() {
    AtomicBoolean healthy = new AtomicBoolean(true);
    launch(
        fast(0, "training"),
        "training",
        scripted(
            Script.RUN_UNTIL_STOPPED,
            () ->
                healthy.get()
                    ? HealthCheck.Result.healthy()
                    : HealthCheck.Result.unhealthy("GPU lost")));
    await().atMost(DEADLINE).until(() -> status().state() == DaemonState.RUNNING);
    healthy.set(false);
    await().atMost(DEADLINE).until(() -> made.size() == 2);
    assertThat(events.of("training"))
        .containsSubsequence(
            "STARTING->RUNNING",
            "RUNNING->DEGRADED",
            "DEGRADED->RESTARTING",
            "RESTARTING->STARTING");
    assertThat(made.get(0).finished).as("the unhealthy run was stopped, not abandoned").isTrue();
    assertThat(events.reasons).anyMatch(r -> r.contains("unhealthy: GPU lost (3 failed checks)"));
  }

  @Test
  void failedChecksWithinTheStartGraceDoNotCount() {
    launch(
        fast(3600, "evaluation"),
        "evaluation",
        scripted(Script.RUN_UNTIL_STOPPED, () -> HealthCheck.Result.unhealthy("warming up")));
    CountDownLatch manyChecks = new CountDownLatch(10);
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              manyChecks.countDown();
              return manyChecks.getCount() == 0 && status().state() == DaemonState.STARTING;
            });
    assertThat(made).hasSize(1);
    assertThat(events.of("evaluation")).containsExactly("STOPPED->STARTING");
  }

  @Test
  void aHungHealthCheckCountsAsAFailedOne() {
    launch(
        fast(0, "promotion"),
        "promotion",
        scripted(
            Script.RUN_UNTIL_STOPPED,
            () -> {
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return HealthCheck.Result.healthy();
            }));
    await().atMost(DEADLINE).until(() -> made.size() >= 2);
    assertThat(events.reasons).anyMatch(r -> r.contains("health check took longer than PT0.05S"));
  }

  @Test
  void aDaemonThatIgnoresStopIsInterruptedAfterTheStopTimeout() {
    launch(
        fast(0, "stubborn"), "stubborn", scripted(Script.IGNORE_STOP, HealthCheck.Result::healthy));
    await().atMost(DEADLINE).until(() -> status().state() == DaemonState.RUNNING);
    launcher.close();
    launcher = null;
    assertThat(made.get(0).interrupted).isTrue();
    assertThat(events.of("stubborn")).endsWith("RUNNING->STOPPING", "STOPPING->STOPPED");
  }

  @Test
  void aConfiguredDaemonThatIsNotWiredInIsAnErrorBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                DaemonLauncher.start(
                    context,
                    fast(0, "export", "training"),
                    DaemonCatalog.empty()
                        .with("export", scripted(Script.CRASH, HealthCheck.Result::healthy)),
                    LaunchSelection.all(),
                    events,
                    Clock.systemUTC()))
        .hasMessageContaining("daemons.training: is configured but not wired into this launcher");
    assertThat(made).isEmpty();
    assertThat(events.changes).isEmpty();
  }
}
