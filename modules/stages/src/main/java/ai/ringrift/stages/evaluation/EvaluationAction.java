package ai.ringrift.stages.evaluation;

import ai.ringrift.events.BaselineResult;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.HeadToHeadResult;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.action.ResultFormatException;
import ai.ringrift.stages.action.ResultValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gauntlet's inputs and its result as an event (pure): the candidate against the baselines and,
 * when the config has a production model other than the candidate, against that champion.
 */
public final class EvaluationAction {
  /** The placeholders an evaluation command may use. */
  public static final Set<String> PLACEHOLDERS =
      Set.of(
          "config",
          "model_id",
          "candidate",
          "champion",
          "champion_model_id",
          "champion_elo",
          "games_per_baseline",
          "head_to_head_games",
          "run_id");

  /** The Elo a champion gets when its registry entry has none. */
  static final double DEFAULT_ELO = 1500;

  private final EvaluationConfig config;

  public EvaluationAction(EvaluationConfig config) {
    this.config = config;
  }

  /** The production model of {@code registry} when it is not {@code candidateId}. */
  public static Optional<ModelVersion> champion(ModelRegistryEntry registry, String candidateId) {
    if (registry == null || registry.getProductionModelId() == null) {
      return Optional.empty();
    }
    String id = registry.getProductionModelId();
    if (id.equals(candidateId)) {
      return Optional.empty();
    }
    return registry.getModels().stream().filter(m -> m.getModelId().equals(id)).findFirst();
  }

  /** The action's parameters for the gauntlet of {@code trained}. */
  public Map<String, String> parameters(
      TrainingCompleted trained, Optional<ModelVersion> champion, String runId) {
    Map<String, String> p = new HashMap<>();
    p.put("config", ConfigKeys.format(trained.getConfig()));
    p.put("model_id", trained.getModelId());
    p.put("candidate", trained.getModelPath());
    p.put(
        "games_per_baseline",
        Integer.toString(config.gamesPerBaseline().get(trained.getConfig().getPlayers())));
    p.put("head_to_head_games", Integer.toString(config.headToHeadGames()));
    p.put("run_id", runId);
    p.put("champion", champion.map(ModelVersion::getModelPath).orElse(""));
    p.put("champion_model_id", champion.map(ModelVersion::getModelId).orElse(""));
    p.put(
        "champion_elo", Double.toString(champion.map(EvaluationAction::eloOf).orElse(DEFAULT_ELO)));
    return p;
  }

  /**
   * The event for a gauntlet's result values.
   *
   * @throws ResultFormatException when a value is missing or mistyped
   */
  public EvaluationCompleted completed(
      EventHeader header, TrainingCompleted trained, ResultValues result) {
    List<BaselineResult> baselines =
        result.objects("baselines").stream()
            .map(
                b ->
                    BaselineResult.newBuilder()
                        .setBaseline(b.text("baseline"))
                        .setBaselineElo(b.number("baseline_elo"))
                        .setGames((int) b.integer("games"))
                        .setWins((int) b.integer("wins"))
                        .setLosses((int) b.integer("losses"))
                        .setDraws(b.has("draws") ? (int) b.integer("draws") : 0)
                        .setWinRate(b.number("win_rate"))
                        .build())
            .toList();
    return EvaluationCompleted.newBuilder()
        .setHeader(header)
        .setConfig(trained.getConfig())
        .setModelId(trained.getModelId())
        .setModelPath(trained.getModelPath())
        .setElo(result.number("elo"))
        .setGamesPlayed((int) result.integer("games_played"))
        .setWinRate(result.number("win_rate"))
        .setBaselines(baselines)
        .setHeadToHead(
            result.has("head_to_head") ? headToHead(result.object("head_to_head")) : null)
        .setTrainingEventId(trained.getHeader().getEventId())
        .build();
  }

  private static HeadToHeadResult headToHead(ResultValues h) {
    return HeadToHeadResult.newBuilder()
        .setChampionModelId(h.text("champion_model_id"))
        .setChampionElo(h.number("champion_elo"))
        .setGames((int) h.integer("games"))
        .setWins((int) h.integer("wins"))
        .setLosses((int) h.integer("losses"))
        .setDraws(h.has("draws") ? (int) h.integer("draws") : 0)
        .setWinRate(h.number("win_rate"))
        .build();
  }

  private static double eloOf(ModelVersion version) {
    if (version.getPromotedElo() != null) {
      return version.getPromotedElo();
    }
    return version.getElo() != null ? version.getElo() : DEFAULT_ELO;
  }
}
