package ai.ringrift.stages.host;

import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.CircuitAdmission.Verdict;
import ai.ringrift.events.contract.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one run per trigger: reads where the trigger stands in {@code ringrift.state.stage-runs}
 * and takes the next step until it is done — run the first attempt; wait for another instance's
 * STARTED run to report, and if it does not, treat it as crashed (adopt its finished output, or
 * record it failed); retry a failed attempt after its backoff; give up after the last attempt.
 * STARTED is recorded before an action starts, so a crash can never lead to a silent second run.
 */
final class TriggerRun {
  private static final Logger LOGGER = LoggerFactory.getLogger(TriggerRun.class);
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private final StageJob job;
  private final RunHandle run;
  private final TriggerRunner.Parts parts;
  private final Clock clock;

  /** This run's latest FAILED record, for when another lane's record stands over it. */
  private StageRun own;

  TriggerRun(StageJob job, RunHandle run, TriggerRunner.Parts parts) {
    this.job = job;
    this.run = run;
    this.parts = parts;
    this.clock = parts.support().clock();
  }

  /** Takes the trigger to its end: succeeded, given up, or found done already. */
  void execute() throws InterruptedException, TimeoutException {
    while (true) {
      run.check();
      parts.support().tables().awaitCaughtUp(CATCH_UP);
      TriggerLookup at = TriggerLookup.of(parts.recorder().latest(job), job.triggerId());
      if (at.kind() == TriggerLookup.Kind.FRESH && own != null) {
        at = TriggerLookup.of(own, job.triggerId()); // a run of another lane wrote since
      }
      boolean done =
          switch (at.kind()) {
            case FINISHED -> {
              parts.metrics().skipped.inc();
              LOGGER.info(
                  "stage={} trigger={} is done already; not run again", stage(), job.triggerId());
              yield true;
            }
            case FRESH -> attempt(1);
            case STARTED -> {
              startedElsewhere(at.latest());
              yield false;
            }
            case FAILED -> retry(at, parts.policy().backoffAfter(at.attempt()));
            case INTERRUPTED -> retry(at, Duration.ZERO);
          };
      if (done) {
        return;
      }
    }
  }

  /** Gives up after the last attempt, else waits out {@code backoff} and tries again. */
  private boolean retry(TriggerLookup at, Duration backoff)
      throws InterruptedException, TimeoutException {
    StageRun latest = at.latest();
    if (at.attempt() >= parts.policy().maxAttempts()) {
      parts
          .recorder()
          .gaveUp(job, run, at.attempt(), Objects.toString(latest.getError(), "failed"));
      parts.metrics().gaveUp.inc();
      return true;
    }
    TriggerRunner.sleepUntil(run, clock, latest.getHeader().getOccurredAt().plus(backoff));
    parts.support().tables().awaitCaughtUp(CATCH_UP); // the breaker may have changed meanwhile
    return attempt(at.attempt() + 1);
  }

  /**
   * Runs attempt {@code n} (the tables are caught up: the lookup or the retry's wait just did it);
   * true when it succeeded, so the trigger is done, false when it failed and may be tried again.
   */
  private boolean attempt(int n) throws InterruptedException, TimeoutException {
    run.attempt(n);
    Verdict verdict = parts.gate().admit(job.config(), parts.stage(), run);
    RunAttempt attempt =
        RunAttempt.of(
            parts.stage(), job.config(), job.triggerId(), n, verdict == Verdict.RUN_AS_PROBE);
    run.check();
    parts.recorder().started(job, run, attempt, new ArrayList<>(job.startEvents(attempt)));
    parts.metrics().started.inc();
    if (attempt.probe()) {
      parts.metrics().probes.inc();
    }
    RunOutcome outcome = act(attempt);
    if (outcome.succeeded()) {
      parts.recorder().succeeded(job, run, n, outcome);
      parts.metrics().succeeded.inc();
      parts.metrics().succeeded(job.config()).inc();
      job.alsoAnswers().forEach(t -> Events.eventId(t).ifPresent(parts.answered()::add));
      job.committed(outcome);
      return true;
    }
    fail(attempt, outcome.error().orElseThrow());
    return false;
  }

  private RunOutcome act(RunAttempt attempt) {
    long started = System.nanoTime();
    run.enter(RunHandle.Phase.ACTION);
    try {
      return job.run(attempt);
    } catch (InterruptedException e) {
      String reason = run.reason() != null ? run.reason() : "interrupted";
      parts.recorder().interrupted(job, run, attempt.attempt(), "handed back: " + reason);
      parts.metrics().interrupted.inc();
      throw new HandedBackException(reason);
    } catch (RuntimeException e) {
      LOGGER.error("stage={} run={} failed unexpectedly", stage(), attempt.runId(), e);
      return RunOutcome.failed("the stage failed running " + attempt.runId() + ": " + e);
    } finally {
      parts.metrics().action.update(Duration.ofNanos(System.nanoTime() - started));
      run.enter(RunHandle.Phase.WAITING);
    }
  }

  private void fail(RunAttempt attempt, String error) {
    List<SpecificRecord> events = new ArrayList<>(job.failureEvents(attempt, error));
    own = parts.recorder().failed(job, run, attempt.attempt(), error, events);
    parts.metrics().failed.inc();
  }

  /**
   * Another instance (or this one before a restart) started an attempt and recorded no outcome. One
   * that is alive reports within the orphan wait (it finishes, or hands back when it notices its
   * partition moved); otherwise it crashed.
   */
  private void startedElsewhere(StageRun record) throws InterruptedException, TimeoutException {
    if (!record.getInstance().equals(parts.support().instanceId())) {
      Instant deadline = clock.instant().plus(parts.policy().orphanAfter());
      while (clock.instant().isBefore(deadline)) {
        run.check();
        long seen = parts.support().tables().version();
        if (!record.equals(parts.recorder().latest(job))) {
          return; // it reported: look again
        }
        Duration left = Duration.between(clock.instant(), deadline);
        parts
            .support()
            .tables()
            .awaitChange(
                seen, left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
      }
      parts.support().tables().awaitCaughtUp(CATCH_UP);
      if (!record.equals(parts.recorder().latest(job))) {
        return;
      }
    }
    crashed(record);
  }

  private void crashed(StageRun record) {
    RunAttempt attempt =
        RunAttempt.of(parts.stage(), job.config(), job.triggerId(), record.getAttempt(), false);
    Optional<RunOutcome> adopted = adopt(record, attempt);
    if (adopted.isPresent()) {
      LOGGER.info(
          "stage={} run={} of crashed instance {} left finished output {}: adopting it",
          stage(),
          attempt.runId(),
          record.getInstance(),
          adopted.get().outputPath().orElse("-"));
      parts.recorder().succeeded(job, run, attempt.attempt(), adopted.get());
      parts.metrics().adopted.inc();
      parts.metrics().succeeded(job.config()).inc();
      job.committed(adopted.get());
      return;
    }
    fail(
        attempt,
        "attempt "
            + attempt.attempt()
            + " (run "
            + attempt.runId()
            + ") was started by "
            + record.getInstance()
            + ", which stopped without recording an outcome (crashed); it is not started again");
  }

  private Optional<RunOutcome> adopt(StageRun record, RunAttempt attempt) {
    try {
      return job.adopt(record, attempt).filter(RunOutcome::succeeded);
    } catch (RuntimeException e) {
      LOGGER.warn("stage={} run={} cannot be adopted: {}", stage(), attempt.runId(), e.toString());
      return Optional.empty();
    }
  }

  private String stage() {
    return parts.stage().name();
  }
}
