package ai.ringrift.runtime.daemon;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** A daemon for launcher tests: it crashes, runs until stopped, or ignores stop, as told. */
final class ScriptedDaemon implements Daemon {
  enum Script {
    CRASH,
    RUN_UNTIL_STOPPED,
    IGNORE_STOP
  }

  final Script script;
  final Supplier<HealthCheck.Result> health;
  final CountDownLatch stopAsked = new CountDownLatch(1);
  final AtomicBoolean finished = new AtomicBoolean();
  final AtomicBoolean interrupted = new AtomicBoolean();

  ScriptedDaemon(Script script, Supplier<HealthCheck.Result> health) {
    this.script = script;
    this.health = health;
  }

  @Override
  public void run() throws Exception {
    switch (script) {
      case CRASH -> throw new IllegalStateException("disk full");
      case RUN_UNTIL_STOPPED -> {
        stopAsked.await();
        finished.set(true); // "finished the current action"
      }
      case IGNORE_STOP -> {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          interrupted.set(true);
        }
      }
    }
  }

  @Override
  public void stop() {
    stopAsked.countDown();
  }

  @Override
  public HealthCheck.Result health() {
    return health.get();
  }
}
