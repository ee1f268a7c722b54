package ai.ringrift.stages.host;

import ai.ringrift.events.RunStatus;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TriggerOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a trigger stands, read from the latest {@code StageRun} of its (config, stage): the
 * compacted topic keeps one record per key, and that record lists the recently finished triggers,
 * so an earlier trigger redelivered after later ones is still recognised.
 *
 * @param kind where the trigger stands
 * @param latest the latest record of the (config, stage), or null when there is none
 * @param finished how the trigger ended, when it did
 */
public record TriggerLookup(Kind kind, StageRun latest, Optional<TriggerOutcome> finished) {
  /** Where a trigger stands. */
  public enum Kind {
    /** Never started: run attempt 1. */
    FRESH,
    /** Succeeded, or given up after its retries: never run again. */
    FINISHED,
    /** An attempt started and recorded no outcome: running elsewhere, or its instance crashed. */
    STARTED,
    /** The latest attempt failed: the retry policy decides. */
    FAILED,
    /** The latest attempt was handed back (its instance stopped or lost the partition). */
    INTERRUPTED
  }

  /** Where {@code triggerId} stands given the latest record of its (config, stage). */
  public static TriggerLookup of(StageRun latest, String triggerId) {
    if (latest == null) {
      return new TriggerLookup(Kind.FRESH, null, Optional.empty());
    }
    for (TriggerOutcome outcome : latest.getRecentTriggers()) {
      if (outcome.getTriggerEventId().equals(triggerId)) {
        return new TriggerLookup(Kind.FINISHED, latest, Optional.of(outcome));
      }
    }
    if (!latest.getTriggerEventId().equals(triggerId)) {
      return new TriggerLookup(Kind.FRESH, latest, Optional.empty());
    }
    Kind kind =
        switch (latest.getStatus()) {
          case STARTED -> Kind.STARTED;
          case FAILED -> Kind.FAILED;
          case INTERRUPTED -> Kind.INTERRUPTED;
          // a SUCCEEDED record always lists its own trigger; one that does not came from a writer
          // that did not keep the list: treat it as finished all the same
          case SUCCEEDED -> Kind.FINISHED;
        };
    return new TriggerLookup(kind, latest, Optional.empty());
  }

  /** The attempt of the latest record (for STARTED, FAILED, INTERRUPTED). */
  public int attempt() {
    return latest == null ? 0 : latest.getAttempt();
  }

  /**
   * {@code previous} with {@code outcome} in front, without an older entry of the same trigger, at
   * most {@code limit} long.
   */
  public static List<TriggerOutcome> remember(
      List<TriggerOutcome> previous, TriggerOutcome outcome, int limit) {
    List<TriggerOutcome> list = new ArrayList<>();
    list.add(outcome);
    for (TriggerOutcome o : previous) {
      if (list.size() >= limit) {
        break;
      }
      if (!o.getTriggerEventId().equals(outcome.getTriggerEventId())) {
        list.add(o);
      }
    }
    return List.copyOf(list);
  }

  /** The newest successful outcome in {@code latest}'s list, if any. */
  public static Optional<TriggerOutcome> lastSuccess(StageRun latest) {
    if (latest == null) {
      return Optional.empty();
    }
    return latest.getRecentTriggers().stream()
        .filter(o -> o.getStatus() == RunStatus.SUCCEEDED)
        .findFirst();
  }
}
