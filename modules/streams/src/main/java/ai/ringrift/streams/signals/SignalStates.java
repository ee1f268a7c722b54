package ai.ringrift.streams.signals;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.Events;
import ai.ringrift.streams.state.SignalState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * How each input event changes a config's {@link SignalState}. The state passed in is a fresh copy
 * read from the store and is updated in place.
 */
final class SignalStates {
  /** Elo at promotion is remembered for this many production models, to follow rollbacks. */
  private static final int REMEMBERED_PROMOTIONS = 20;

  private final SignalsConfig config;
  private final RegressionRules regressions;

  SignalStates(SignalsConfig config) {
    this.config = config;
    this.regressions = new RegressionRules(config.regression());
  }

  /** The state of a config first seen at {@code now}. */
  static SignalState initial(String config, Instant now) {
    return SignalState.newBuilder()
        .setConfig(config)
        .setFirstSeenAt(now)
        .setPromotedElos(new HashMap<>())
        .setEloTimes(new ArrayList<>())
        .setEloValues(new ArrayList<>())
        .build();
  }

  /**
   * Applies {@code event} to {@code state} at wall-clock {@code now}; returns the regression it
   * revealed, if any.
   */
  Optional<RegressionRules.Finding> apply(SignalState state, SpecificRecord event, Instant now) {
    Instant at = Events.header(event).map(h -> earliest(h.getOccurredAt(), now)).orElse(now);
    if (event instanceof SelfplayBatchCompleted batch) {
      state.setNewGames(state.getNewGames() + Math.max(0, batch.getGamesCompleted()));
    } else if (event instanceof NpzExportCompleted export && export.getQualityScore() != null) {
      state.setQuality(Math.min(1.0, Math.max(0.0, export.getQualityScore())));
    } else if (event instanceof TrainingCompleted) {
      state.setLastTrainingAt(at);
      state.setNewGames(0L);
      state.setModelCount(state.getModelCount() + 1);
    } else if (event instanceof ModelPromoted promoted) {
      promote(state, promoted);
    } else if (event instanceof ModelRolledBack rolledBack) {
      state.setProductionModelId(rolledBack.getToModelId());
      state.setProductionElo(state.getPromotedElos().get(rolledBack.getToModelId()));
      state.setConsecutiveRegressions(0);
    } else if (event instanceof EvaluationCompleted evaluation) {
      return evaluate(state, evaluation, at, now);
    }
    return Optional.empty();
  }

  /** Drops Elo points that left the window; true when any did. */
  boolean expire(SignalState state, Instant now) {
    EloTrend all = trendOf(state);
    EloTrend kept = recent(all, now);
    if (kept.size() == all.size()) {
      return false;
    }
    store(state, kept);
    return true;
  }

  /** What the rules look at, at {@code now}. */
  SignalInputs inputs(SignalState state, Instant now) {
    Instant since =
        state.getLastTrainingAt() != null ? state.getLastTrainingAt() : state.getFirstSeenAt();
    double hours = Math.max(0, Duration.between(since, now).toMillis()) / 3_600_000.0;
    boolean timeOk =
        state.getLastTrainingAt() == null
            || !now.isBefore(state.getLastTrainingAt().plus(config.minTrainingInterval()));
    return new SignalInputs(
        state.getNewGames(),
        hours,
        timeOk,
        state.getModelCount() == 0 && state.getProductionModelId() == null,
        recent(trendOf(state), now).slopePerHour(),
        state.getWinRate(),
        state.getQuality() == null ? config.defaultQuality() : state.getQuality());
  }

  private Optional<RegressionRules.Finding> evaluate(
      SignalState state, EvaluationCompleted evaluation, Instant at, Instant now) {
    store(state, recent(trendOf(state).with(at, evaluation.getElo()), now));
    state.setWinRate(evaluation.getWinRate());
    boolean ofProduction = evaluation.getModelId().equals(state.getProductionModelId());
    if (!ofProduction
        || state.getProductionElo() == null
        || !regressions.counts(evaluation.getGamesPlayed())) {
      return Optional.empty();
    }
    Optional<RegressionRules.Finding> finding =
        regressions.assess(
            state.getProductionElo(), evaluation.getElo(), state.getConsecutiveRegressions());
    state.setRegressionModelId(evaluation.getModelId());
    state.setConsecutiveRegressions(finding.map(RegressionRules.Finding::consecutive).orElse(0));
    return finding;
  }

  private void promote(SignalState state, ModelPromoted promoted) {
    Map<String, Double> elos = new HashMap<>(state.getPromotedElos());
    if (elos.size() >= REMEMBERED_PROMOTIONS) {
      elos.keySet().removeIf(id -> !id.equals(state.getProductionModelId()));
    }
    elos.put(promoted.getModelId(), promoted.getEloAfter());
    state.setPromotedElos(elos);
    state.setProductionModelId(promoted.getModelId());
    state.setProductionElo(promoted.getEloAfter());
    state.setModelCount(Math.max(1, state.getModelCount()));
    state.setConsecutiveRegressions(0);
  }

  private EloTrend recent(EloTrend trend, Instant now) {
    return trend.recent(now, config.eloTrend().window(), config.eloTrend().maxPoints());
  }

  private static EloTrend trendOf(SignalState state) {
    return new EloTrend(state.getEloTimes(), state.getEloValues());
  }

  private static void store(SignalState state, EloTrend trend) {
    state.setEloTimes(trend.times());
    state.setEloValues(trend.values());
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
