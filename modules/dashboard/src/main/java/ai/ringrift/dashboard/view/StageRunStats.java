package ai.ringrift.dashboard.view;

import ai.ringrift.events.PipelineFailed;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stages did, per (stage, config), from their {@code StageRun} records (one per attempt
 * started and one per attempt finished): runs started, succeeded, failed and handed back, retries
 * (attempts after the first), how long finished attempts took, the attempt running now, triggers
 * given up ({@code PipelineFailed}), and for training the latest progress (epoch, loss).
 */
final class StageRunStats {
  private static final int MAX_OPEN_ATTEMPTS = 10_000;

  private final Map<String, Row> rows = new TreeMap<>();

  /** Attempts started and not finished yet; one that never finishes is forgotten eventually. */
  private final Map<String, Long> startedAt =
      new java.util.LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_OPEN_ATTEMPTS;
        }
      };

  private final Map<String, TrainingProgress> progress = new HashMap<>();

  /** Counts a run record (each copy once: the caller deduplicates by event id). */
  void run(StageRun run) {
    String config = ConfigKeys.format(run.getConfig());
    String stage = run.getStage().name().toLowerCase(Locale.ROOT);
    Row row = rows.computeIfAbsent(stage + "/" + config, k -> new Row(stage, config));
    String attempt = row.key() + "|" + run.getTriggerEventId() + "|" + run.getAttempt();
    long at = run.getHeader().getOccurredAt().toEpochMilli();
    if (run.getStatus() == RunStatus.STARTED) {
      row.started++;
      if (run.getAttempt() > 1) {
        row.retries++;
      }
      startedAt.put(attempt, at);
      row.current = new Current(run.getTriggerEventId(), run.getAttempt(), at, run.getInstance());
      return;
    }
    switch (run.getStatus()) {
      case SUCCEEDED -> row.succeeded++;
      case FAILED -> {
        row.failed++;
        row.lastError = run.getError();
      }
      default -> row.interrupted++;
    }
    Long started = startedAt.remove(attempt);
    if (started != null) {
      long took = Math.max(0, at - started);
      row.finished++;
      row.totalMillis += took;
      row.maxMillis = Math.max(row.maxMillis, took);
      row.lastMillis = took;
    }
    if (row.current != null
        && row.current.trigger().equals(run.getTriggerEventId())
        && row.current.attempt() == run.getAttempt()) {
      row.current = null;
    }
  }

  /** A trigger a stage gave up on after its retries. */
  void gaveUp(PipelineFailed failed) {
    String config = ConfigKeys.format(failed.getConfig());
    String stage = failed.getStage().name().toLowerCase(Locale.ROOT);
    Row row = rows.computeIfAbsent(stage + "/" + config, k -> new Row(stage, config));
    row.gaveUp++;
    row.lastError = failed.getError();
  }

  /** A training's progress report; the latest per config is shown. */
  void progress(TrainingProgress p) {
    progress.merge(
        ConfigKeys.format(p.getConfig()),
        p,
        (a, b) -> b.getHeader().getOccurredAt().isBefore(a.getHeader().getOccurredAt()) ? a : b);
  }

  /** Every (stage, config) row, by {@code stage/config}. */
  Map<String, Map<String, Object>> snapshot() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    rows.forEach((key, row) -> out.put(key, row.render(progress.get(row.config))));
    return out;
  }

  private static final class Row {
    final String stage;
    final String config;
    long started;
    long succeeded;
    long failed;
    long interrupted;
    long retries;
    long gaveUp;
    long finished;
    long totalMillis;
    long maxMillis;
    Long lastMillis;
    String lastError;
    Current current;

    Row(String stage, String config) {
      this.stage = stage;
      this.config = config;
    }

    String key() {
      return stage + "/" + config;
    }

    Map<String, Object> render(TrainingProgress progress) {
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("stage", stage);
      row.put("config", config);
      row.put("started", started);
      row.put("succeeded", succeeded);
      row.put("failed", failed);
      row.put("interrupted", interrupted);
      row.put("retries", retries);
      row.put("gaveUp", gaveUp);
      row.put("meanMillis", finished == 0 ? null : totalMillis / finished);
      row.put("maxMillis", finished == 0 ? null : maxMillis);
      row.put("lastMillis", lastMillis);
      row.put("lastError", lastError);
      row.put("current", current);
      if ("training".equals(stage) && progress != null) {
        row.put(
            "progress",
            Map.of(
                "job", progress.getJobId(),
                "epoch", progress.getEpoch(),
                "epochs", progress.getTotalEpochs(),
                "loss", progress.getLoss(),
                "at", progress.getHeader().getOccurredAt().toEpochMilli()));
      }
      return row;
    }
  }

  /**
   * The attempt a stage runs now.
   *
   * @param trigger the event it runs for
   * @param attempt which attempt
   * @param since when it started (epoch ms)
   * @param instance the stage instance running it
   */
  record Current(String trigger, int attempt, long since, String instance) {}
}
