package ai.ringrift.stages.host;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of this instance, watched: a run whose trigger's partition is no longer assigned here
 * (two checks in a row) is handed back, and on stop a waiting run is handed back at once and a
 * running action after the stop grace.
 */
final class RunningRuns implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(RunningRuns.class);

  private final List<RunHandle> runs = new CopyOnWriteArrayList<>();
  private final RunPolicy policy;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private volatile Supplier<Set<TopicPartition>> assignment = Set::of;
  private volatile boolean stopping;

  RunningRuns(String name, RunPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-run-watch");
              t.setDaemon(true);
              return t;
            });
    long every = policy.handoverCheckMillis();
    timer.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
  }

  /** Where the partitions assigned to this instance come from (the stage's subscriber). */
  void assignment(Supplier<Set<TopicPartition>> partitions) {
    this.assignment = partitions;
  }

  /** Registers the current thread's run of {@code triggerId}. */
  RunHandle open(String key, String triggerId, TopicPartition partition) {
    RunHandle handle = new RunHandle(key, triggerId, partition, clock.instant());
    runs.add(handle);
    if (stopping) {
      handle.handBack("the service is stopping");
    }
    return handle;
  }

  void close(RunHandle handle) {
    runs.remove(handle);
  }

  List<RunHandle> snapshot() {
    return List.copyOf(runs);
  }

  boolean isStopping() {
    return stopping;
  }

  /** No new runs; waiting runs hand back now, running actions after the stop grace. */
  void stopping() {
    stopping = true;
    for (RunHandle run : runs) {
      if (run.phase() == RunHandle.Phase.WAITING) {
        run.handBack("the service is stopping");
      }
    }
    timer.schedule(
        () -> runs.forEach(r -> r.handBack("the service is stopping")),
        policy.stopGrace().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void watch() {
    Set<TopicPartition> owned;
    try {
      owned = assignment.get();
    } catch (RuntimeException e) {
      return;
    }
    for (RunHandle run : runs) {
      if (run.partition() != null && run.missed(owned.contains(run.partition())) >= 2) {
        LOGGER.info(
            "run key={} trigger={}: partition {} moved to another instance; handing back",
            run.key(),
            run.triggerId(),
            run.partition());
        run.handBack("partition " + run.partition() + " moved to another instance");
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
