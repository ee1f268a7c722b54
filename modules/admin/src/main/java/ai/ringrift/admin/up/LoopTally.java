package ai.ringrift.admin.up;

import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EvaluationFailed;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.NpzExportFailed;
import ai.ringrift.events.PipelineFailed;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Counts the loop's events per config for the embedded run's progress and summary. Thread-safe: the
 * watcher feeds it while the command reads snapshots.
 */
public final class LoopTally {
  /** The event types the tally counts; the watcher reads their topics. */
  public static final List<Class<? extends SpecificRecord>> EVENT_TYPES =
      List.of(
          SelfplayBatchCompleted.class,
          DataSyncCompleted.class,
          DataSyncFailed.class,
          NpzExportCompleted.class,
          NpzExportFailed.class,
          TrainingCompleted.class,
          TrainingFailed.class,
          EvaluationCompleted.class,
          EvaluationFailed.class,
          ModelPromoted.class,
          PromotionRejected.class,
          ModelRolledBack.class,
          CircuitStateChanged.class,
          PipelineFailed.class);

  private final Map<String, Counts> byConfig = new TreeMap<>();

  /** A tally that shows {@code configs} even before they have events. */
  public LoopTally(List<String> configs) {
    configs.forEach(c -> byConfig.put(c, new Counts()));
  }

  /**
   * Counts {@code event}; returns a one-line description when it is worth showing as it happens
   * (promotions, rejections, rollbacks, breaker changes, failures), else null.
   */
  public synchronized String accept(SpecificRecord event) {
    if (event instanceof SelfplayBatchCompleted e) {
      counts(e.getConfig()).games += e.getGamesCompleted();
    } else if (event instanceof DataSyncCompleted e) {
      counts(e.getConfig()).syncs++;
    } else if (event instanceof NpzExportCompleted e) {
      counts(e.getConfig()).exports++;
    } else if (event instanceof TrainingCompleted e) {
      counts(e.getConfig()).trainings++;
    } else if (event instanceof EvaluationCompleted e) {
      evaluated(e);
    } else if (event instanceof ModelPromoted e) {
      return promoted(e);
    } else if (event instanceof PromotionRejected e) {
      return rejected(e);
    } else if (event instanceof ModelRolledBack e) {
      return rolledBack(e);
    } else if (event instanceof CircuitStateChanged e) {
      return breaker(e);
    } else {
      return failure(event);
    }
    return null;
  }

  private String failure(SpecificRecord event) {
    if (event instanceof DataSyncFailed e) {
      return failed(e.getConfig(), "sync failed: " + e.getError());
    } else if (event instanceof NpzExportFailed e) {
      return failed(e.getConfig(), "export failed: " + e.getError());
    } else if (event instanceof TrainingFailed e) {
      return failed(e.getConfig(), "training failed: " + e.getError());
    } else if (event instanceof EvaluationFailed e) {
      return failed(e.getConfig(), "evaluation failed: " + e.getError());
    } else if (event instanceof PipelineFailed e) {
      return failed(
          e.getConfig(),
          e.getStage() + " gave up after " + e.getAttempts() + " attempts: " + e.getError());
    }
    return null;
  }

  /** The progress of every config seen, in config order. */
  public synchronized List<ConfigProgress> snapshot() {
    List<ConfigProgress> all = new ArrayList<>();
    byConfig.forEach((config, c) -> all.add(c.progress(config)));
    return List.copyOf(all);
  }

  /** True once every config shown has had at least {@code n} promotion decisions. */
  public boolean everyConfigDecided(int n) {
    List<ConfigProgress> all = snapshot();
    return !all.isEmpty() && all.stream().allMatch(c -> c.decisions() >= n);
  }

  private void evaluated(EvaluationCompleted e) {
    Counts c = counts(e.getConfig());
    c.evaluations++;
    c.eloByModel.put(e.getModelId(), e.getElo());
  }

  private String promoted(ModelPromoted e) {
    Counts c = counts(e.getConfig());
    c.promoted++;
    if (c.eloStart == null) {
      c.eloStart = e.getEloBefore();
    }
    c.eloEnd = e.getEloAfter();
    return String.format(
        "%s promoted %s: Elo %.0f -> %.0f",
        key(e.getConfig()), e.getModelId(), e.getEloBefore(), e.getEloAfter());
  }

  private String rejected(PromotionRejected e) {
    counts(e.getConfig()).rejected.merge(e.getGate(), 1, Integer::sum);
    return String.format(
        "%s rejected %s at gate %s (actual %.3f, threshold %.3f)",
        key(e.getConfig()), e.getModelId(), e.getGate(), e.getActual(), e.getThreshold());
  }

  private String rolledBack(ModelRolledBack e) {
    Counts c = counts(e.getConfig());
    c.rolledBack++;
    Double restored = c.eloByModel.get(e.getToModelId());
    if (restored != null) {
      c.eloEnd = restored;
    }
    return key(e.getConfig())
        + " rolled back "
        + e.getFromModelId()
        + " -> "
        + e.getToModelId()
        + ": "
        + e.getReason();
  }

  private String breaker(CircuitStateChanged e) {
    counts(e.getConfig()).breakerChanges++;
    return key(e.getConfig())
        + " breaker "
        + e.getStage()
        + " "
        + e.getFromState()
        + " -> "
        + e.getToState()
        + ": "
        + e.getReason();
  }

  private String failed(ConfigKey config, String what) {
    counts(config).failures++;
    return key(config) + " " + what;
  }

  private Counts counts(ConfigKey config) {
    return byConfig.computeIfAbsent(key(config), k -> new Counts());
  }

  private static String key(ConfigKey config) {
    return ConfigKeys.format(config);
  }

  /** Mutable counters of one config; guarded by the tally's lock. */
  private static final class Counts {
    long games;
    int syncs;
    int exports;
    int trainings;
    int evaluations;
    int promoted;
    final Map<String, Integer> rejected = new TreeMap<>();
    int rolledBack;
    int breakerChanges;
    int failures;
    Double eloStart;
    Double eloEnd;
    final Map<String, Double> eloByModel = new HashMap<>();

    ConfigProgress progress(String config) {
      return new ConfigProgress(
          config,
          games,
          syncs,
          exports,
          trainings,
          evaluations,
          promoted,
          rejected,
          rolledBack,
          breakerChanges,
          failures,
          optional(eloStart),
          optional(eloEnd));
    }

    private static OptionalDouble optional(Double value) {
      return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
  }
}
