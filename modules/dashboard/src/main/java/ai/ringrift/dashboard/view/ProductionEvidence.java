package ai.ringrift.dashboard.view;

import ai.ringrift.client.json.AvroJson;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.HeadToHeadResult;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.streams.promotion.PromotionConfig;
import ai.ringrift.streams.promotion.Sprt;
import java.util.List;
import java.util.Map;

/**
 * Why a config's production model is production: its registry entry, the evaluation behind it
 * (games, win rates against each baseline, head-to-head against the champion it replaced), the SPRT
 * of that head-to-head with the configured bounds, and the gates' summary of its promotion.
 *
 * @param config the config
 * @param model the production model
 * @param elo its Elo
 * @param winRate its overall win rate
 * @param promotedAt when it became production (epoch ms)
 * @param path its file
 * @param previousModel the model it replaced
 * @param promotion the gates' summary when it was promoted
 * @param evaluation the evaluation behind it, when it was read
 * @param headToHeadRule the rule the head-to-head gate applies ({@code THRESHOLD} or {@code SPRT})
 * @param sprt the SPRT of its head-to-head match, when it played one
 */
public record ProductionEvidence(
    String config,
    String model,
    Double elo,
    Double winRate,
    Long promotedAt,
    String path,
    String previousModel,
    String promotion,
    Evaluation evaluation,
    String headToHeadRule,
    SprtResult sprt) {

  /** The evidence of {@code registry}'s production model, if it has one. */
  static java.util.Optional<ProductionEvidence> of(
      ModelRegistryView registry,
      java.util.function.Function<String, java.util.Optional<EvaluationCompleted>> evaluations,
      Map<String, ModelPromoted> promotions,
      PromotionConfig.HeadToHead rule) {
    return registry
        .production()
        .map(
            m -> {
              EvaluationCompleted e = evaluations.apply(m.evaluationEventId()).orElse(null);
              ModelPromoted promoted = promotions.get(m.modelId());
              HeadToHeadResult h2h = e == null ? null : e.getHeadToHead();
              return new ProductionEvidence(
                  registry.config(),
                  m.modelId(),
                  m.elo(),
                  m.winRate(),
                  m.promotedAt(),
                  m.path(),
                  promoted == null ? null : promoted.getPreviousModelId(),
                  promoted == null ? null : promoted.getReason(),
                  e == null ? null : Evaluation.of(e),
                  rule.rule().name(),
                  h2h == null ? null : SprtResult.of(rule.sprt(), h2h));
            });
  }

  /**
   * The evaluation behind the model.
   *
   * @param eventId its event id
   * @param at when it completed (epoch ms)
   * @param elo the Elo it measured
   * @param games games played in all
   * @param winRate the overall win rate
   * @param baselines games against each baseline
   * @param headToHead games against the champion, when there was one
   */
  public record Evaluation(
      String eventId,
      long at,
      double elo,
      int games,
      double winRate,
      List<Map<String, Object>> baselines,
      Map<String, Object> headToHead) {
    static Evaluation of(EvaluationCompleted e) {
      return new Evaluation(
          e.getHeader().getEventId(),
          e.getHeader().getOccurredAt().toEpochMilli(),
          e.getElo(),
          e.getGamesPlayed(),
          e.getWinRate(),
          e.getBaselines().stream().map(AvroJson::toMap).toList(),
          e.getHeadToHead() == null ? null : AvroJson.toMap(e.getHeadToHead()));
    }
  }

  /**
   * Leela Zero's SPRT of a head-to-head match.
   *
   * @param verdict ACCEPT, REJECT or CONTINUE
   * @param llr the log-likelihood ratio
   * @param lower the reject bound
   * @param upper the accept bound
   * @param games games of the match
   * @param winRate the candidate's score
   * @param elo0 the null hypothesis (Elo over the champion)
   * @param elo1 the alternative
   */
  public record SprtResult(
      String verdict,
      double llr,
      double lower,
      double upper,
      int games,
      double winRate,
      double elo0,
      double elo1) {
    static SprtResult of(PromotionConfig.Sprt config, HeadToHeadResult h2h) {
      Sprt.Result r = Sprt.test(config, h2h.getWins(), h2h.getLosses(), h2h.getDraws());
      return new SprtResult(
          r.verdict().name(),
          r.llr(),
          r.lower(),
          r.upper(),
          r.games(),
          r.winRate(),
          config.elo0(),
          config.elo1());
    }
  }
}
