package ai.ringrift.stages.host;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs a stage's work off the poll thread: one run at a time per (config, stage, lane), each taken
 * to its end by the exactly-one-run-per-trigger rules ({@link TriggerRun}), handed back when its
 * partition moves or the service stops.
 *
 * <p>Most work runs in the config's main lane. A named lane (the sync stage's model distributions)
 * runs beside it: its runs record themselves under the same (config, stage) key of {@code
 * ringrift.state.stage-runs}, whose record holds one trigger in flight, so a record of one lane can
 * stand over the other's. What keeps a trigger's outcome all the same: the recorder writes one
 * record at a time and carries every finished trigger forward ({@link RunRecorder}), so a finished
 * trigger is never run again; a run that failed remembers its own record for its retries ({@link
 * TriggerRun}). What a lane gives up: after a crash or a hand-over, a trigger whose STARTED record
 * was covered by the other lane's looks fresh and is run again, rather than failed as crashed. Use
 * a lane only for work that may run twice (a copy), never for work with a result of its own.
 */
public final class TriggerRunner implements AutoCloseable {
  /** What a decision may wait for (a cooldown): returns at {@code when}, or throws on hand-back. */
  @FunctionalInterface
  public interface Waits {
    void until(Instant when) throws InterruptedException;
  }

  /** Decides, in order with the config's other runs, whether an event needs a run. */
  @FunctionalInterface
  public interface Decision {
    Optional<StageJob> decide(Waits waits) throws Exception;
  }

  /**
   * The decision for an event that may answer the triggers of its kind waiting behind it: given
   * those (fresh ones only, oldest first, often none), the decision of one run for them all.
   */
  @FunctionalInterface
  public interface CoalescedDecision {
    Decision with(List<SpecificRecord> waiting);
  }

  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  /** What the runs of one stage share. */
  record Parts(
      Stage stage,
      RunPolicy policy,
      StageSupport support,
      RunRecorder recorder,
      CircuitGate gate,
      RunMetrics metrics,
      Set<String> answered) {}

  /** How many answered triggers {@link Parts#answered} remembers until their own turn. */
  private static final int ANSWERED_REMEMBERED = 10_000;

  private final Parts parts;
  private final ExecutorService executor;
  private final KeyedSlots slots;
  private final RunningRuns runs;

  public TriggerRunner(
      String name,
      Stage stage,
      RunPolicy policy,
      StageSupport support,
      StageWriter writer,
      EventPublisher publisher) {
    this.parts =
        new Parts(
            stage,
            policy,
            support,
            new RunRecorder(stage, policy, support, writer, publisher),
            new CircuitGate(
                support.tables(), support.clock(), Duration.ofMillis(policy.breakerPollMillis())),
            new RunMetrics(support.metrics(), name),
            answeredTriggers());
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-run-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.slots = new KeyedSlots(executor);
    this.runs = new RunningRuns(name, policy, support.clock());
  }

  /** Where this instance's partitions come from, to notice a run's partition moving away. */
  public void assignment(Supplier<Set<TopicPartition>> partitions) {
    runs.assignment(partitions);
  }

  /**
   * Decides and runs the work for {@code event} of {@code config} read from {@code partition}, in
   * the config's lane {@code lane} ({@code ""} for the main lane): after the lane's earlier work,
   * beside the other lanes'. The future completes when the trigger is done (or needed nothing), and
   * fails with {@link HandedBackException} when it was handed back.
   *
   * <p>When its turn comes, the decision also gets the triggers fetched behind {@code event} on its
   * partition that it may answer ({@code behind}: the subscriber's backlog, empty for most
   * triggers), so that one run answers them all. Only triggers fresh in the (config, stage) record
   * are given, at most a quarter of {@code runs.recentTriggers}; the run's SUCCEEDED record lists
   * every one of them as finished ({@link StageJob#alsoAnswers()}), so each finds itself answered
   * in its own turn and is not run again. One that the run did not answer (it failed) runs in its
   * own turn. A decision that needs no run answers them too (it saw what they announced): their
   * turns end without a decision of their own.
   */
  public CompletableFuture<Void> submit(
      ConfigKey config,
      String lane,
      TopicPartition partition,
      SpecificRecord event,
      Supplier<List<? extends SpecificRecord>> behind,
      CoalescedDecision decision) {
    String key = slotKey(config, lane);
    Decision together =
        waits -> {
          List<SpecificRecord> taken = fresh(config, event, behind.get());
          Optional<StageJob> job = decision.with(taken).decide(waits);
          if (job.isEmpty()) { // nothing to do for them either: answered, in this instance's memory
            taken.forEach(t -> Events.eventId(t).ifPresent(parts.answered()::add));
          }
          return job;
        };
    String id = Events.eventId(event).orElse(null);
    return slots.submit(key, () -> run(key, partition, together, id));
  }

  /**
   * The triggers of {@code waiting} not yet seen, up to the limit, that {@code first} may answer.
   */
  private List<SpecificRecord> fresh(
      ConfigKey config, SpecificRecord first, List<? extends SpecificRecord> waiting)
      throws InterruptedException, TimeoutException {
    int limit = parts.policy().recentTriggers() / 4;
    if (waiting.isEmpty() || limit == 0) {
      return List.of();
    }
    parts.support().tables().awaitCaughtUp(CATCH_UP);
    StageRun latest = parts.recorder().latest(config);
    Set<String> ids = new HashSet<>();
    ids.add(Events.eventId(first).orElseThrow());
    List<SpecificRecord> fresh = new ArrayList<>();
    for (SpecificRecord event : waiting) {
      String id = Events.eventId(event).orElse(null);
      if (fresh.size() < limit
          && id != null
          && ids.add(id)
          && TriggerLookup.of(latest, id).kind() == TriggerLookup.Kind.FRESH) {
        fresh.add(event);
      }
    }
    return fresh;
  }

  private String slotKey(ConfigKey config, String lane) {
    return CircuitGate.key(config, parts.stage()) + (lane.isEmpty() ? "" : "#" + lane);
  }

  /**
   * Runs {@code decision} in its turn; a trigger {@code answeredId} (or null) that an earlier run
   * or decision answered ends its turn at once, undecided (every job is for the trigger it was
   * decided on).
   */
  private Void run(String key, TopicPartition partition, Decision decision, String answeredId)
      throws Exception {
    RunHandle run = runs.open(key, "(deciding)", partition);
    try {
      run.check();
      if (answeredId != null && parts.answered().remove(answeredId)) {
        parts.metrics().coalesced.inc(); // answered with the trigger it waited behind
        return null;
      }
      Optional<StageJob> job =
          decision.decide(when -> sleepUntil(run, parts.support().clock(), when));
      if (job.isEmpty()) {
        parts.metrics().skipped.inc();
        return null;
      }
      new TriggerRun(job.get(), run.named(job.get().triggerId()), parts).execute();
      return null;
    } catch (InterruptedException e) {
      throw new HandedBackException(run.reason() != null ? run.reason() : "interrupted");
    } finally {
      runs.close(run);
      Thread.interrupted(); // a hand-back that came as the run ended: not for the next task
    }
  }

  /**
   * The triggers a committed run of this instance answered besides its own ({@link
   * StageJob#alsoAnswers()}), until their own turn comes: then they are done without a lookup. An
   * id whose turn never comes here (its partition moved) is dropped after {@value
   * #ANSWERED_REMEMBERED} later ones; it was answered all the same.
   */
  private static Set<String> answeredTriggers() {
    Map<String, Boolean> ids =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ANSWERED_REMEMBERED;
          }
        };
    return Collections.synchronizedSet(Collections.newSetFromMap(ids));
  }

  /** The runs in progress, for the status view. */
  public List<Map<String, Object>> running() {
    return runs.snapshot().stream()
        .map(
            r ->
                Map.<String, Object>of(
                    "key", r.key(),
                    "trigger", r.triggerId(),
                    "attempt", r.attempt(),
                    "phase", r.phase().name(),
                    "since", r.since().toString()))
        .toList();
  }

  /** Starts no new attempt; waiting runs hand back now, running actions after the stop grace. */
  public void stopping() {
    runs.stopping();
  }

  @Override
  public void close() {
    runs.stopping();
    runs.close();
    executor.shutdownNow();
  }

  /** Sleeps until {@code when}; throws {@link HandedBackException} when the run is handed back. */
  static void sleepUntil(RunHandle run, Clock clock, Instant when) throws InterruptedException {
    while (true) {
      run.check();
      long millis = Duration.between(clock.instant(), when).toMillis();
      if (millis <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(millis, 1000)); // the wait of a backoff or a cooldown, not a test's
      } catch (InterruptedException e) {
        run.check();
        throw e;
      }
    }
  }
}
