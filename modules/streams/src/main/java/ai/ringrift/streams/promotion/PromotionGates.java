package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.common.Decimals.of;

import ai.ringrift.events.BaselineResult;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.HeadToHeadResult;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.streams.modelregistry.ModelRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The promotion gates, in order: baselines present, games per baseline, win-rate floors, cooldown,
 * Elo gain (waived when the candidate beat the champion head-to-head), head-to-head. Pure: the
 * registry says what production is, the evaluation's own time is "now" (so a replay decides as the
 * live run did).
 */
public final class PromotionGates {
  public static final String BASELINES_PRESENT = "baselines_present";
  public static final String GAMES_PER_BASELINE = "games_per_baseline";
  public static final String WIN_RATE_VS_RANDOM = "win_rate_vs_random";
  public static final String WIN_RATE_VS_HEURISTIC = "win_rate_vs_heuristic";
  public static final String COOLDOWN = "cooldown";
  public static final String ELO_GAIN = "elo_gain";
  public static final String HEAD_TO_HEAD = HeadToHeadRule.GATE;

  private final PromotionConfig config;
  private final HeadToHeadRule headToHead;

  public PromotionGates(PromotionConfig config) {
    this.config = config;
    this.headToHead = new HeadToHeadRule(config.headToHead());
  }

  /** Runs the gates until one fails. */
  public GateReport evaluate(EvaluationCompleted e, ModelRegistry registry) {
    List<GateResult> results = new ArrayList<>();
    Optional<BaselineResult> random = baseline(e, config.baselines().random());
    Optional<BaselineResult> heuristic = baseline(e, config.baselines().heuristic());
    GateResult h2h = headToHead(e, registry.production());
    List<Supplier<GateResult>> ordered =
        List.of(
            () -> present(random, heuristic),
            () -> games(e, random.get(), heuristic.get()),
            () -> floor(WIN_RATE_VS_RANDOM, random.get(), config.floorOf(e.getConfig()).random()),
            () ->
                floor(
                    WIN_RATE_VS_HEURISTIC,
                    heuristic.get(),
                    config.floorOf(e.getConfig()).heuristic()),
            () -> cooldown(e, registry),
            () -> eloGain(e, registry.production(), h2h),
            () -> h2h);
    for (Supplier<GateResult> gate : ordered) { // each gate may rely on the ones before passing
      GateResult result = gate.get();
      results.add(result);
      if (!result.passed()) {
        break;
      }
    }
    return new GateReport(results);
  }

  private GateResult present(Optional<BaselineResult> random, Optional<BaselineResult> heuristic) {
    int present = (random.isPresent() ? 1 : 0) + (heuristic.isPresent() ? 1 : 0);
    String reason =
        "results against "
            + config.baselines().random()
            + " and "
            + config.baselines().heuristic()
            + (present == 2 ? " present" : " needed; " + present + " of 2 present");
    return present == 2
        ? GateResult.pass(BASELINES_PRESENT, present, 2, reason)
        : GateResult.fail(BASELINES_PRESENT, present, 2, reason);
  }

  private GateResult games(EvaluationCompleted e, BaselineResult random, BaselineResult heuristic) {
    int needed = config.minGamesPerBaseline(e.getConfig());
    BaselineResult fewest = random.getGames() <= heuristic.getGames() ? random : heuristic;
    String reason =
        fewest.getGames() + " games against " + fewest.getBaseline() + ", " + needed + " needed";
    return fewest.getGames() >= needed
        ? GateResult.pass(GAMES_PER_BASELINE, fewest.getGames(), needed, reason)
        : GateResult.fail(GAMES_PER_BASELINE, fewest.getGames(), needed, reason);
  }

  private static GateResult floor(String gate, BaselineResult result, double floor) {
    double rate = result.getWinRate();
    String reason =
        "win rate " + of(rate, 3) + " against " + result.getBaseline() + ", floor " + of(floor, 3);
    return rate >= floor
        ? GateResult.pass(gate, rate, floor, reason)
        : GateResult.fail(gate, rate, floor, reason);
  }

  private GateResult cooldown(EvaluationCompleted e, ModelRegistry registry) {
    double needed = config.cooldown().toSeconds();
    Optional<Instant> last = registry.lastPromotedAt();
    if (last.isEmpty()) {
      return GateResult.pass(COOLDOWN, needed, needed, "no promotion yet");
    }
    double since = Duration.between(last.get(), e.getHeader().getOccurredAt()).toMillis() / 1000.0;
    String reason = of(since, 0) + " s since the last promotion, " + of(needed, 0) + " s needed";
    return since >= needed
        ? GateResult.pass(COOLDOWN, since, needed, reason)
        : GateResult.fail(COOLDOWN, since, needed, reason);
  }

  private GateResult eloGain(
      EvaluationCompleted e, Optional<ModelVersion> production, GateResult h2h) {
    boolean bootstrap = production.isEmpty();
    double base =
        production.map(ModelVersion::getElo).filter(elo -> elo != null).orElse(config.eloStart());
    double needed = bootstrap ? config.eloGain().bootstrapMin() : config.eloGain().min();
    double gain = e.getElo() - base;
    String reason =
        "Elo "
            + of(e.getElo(), 1)
            + " is "
            + (gain >= 0 ? "+" : "")
            + of(gain, 1)
            + " over "
            + (bootstrap ? "the start Elo " : "production's ")
            + of(base, 1)
            + ", "
            + of(needed, 1)
            + " needed";
    if (gain >= needed) {
      return GateResult.pass(ELO_GAIN, gain, needed, reason);
    }
    if (!bootstrap && h2h.passed()) {
      return GateResult.pass(ELO_GAIN, gain, needed, reason + "; waived: beat the champion");
    }
    return GateResult.fail(ELO_GAIN, gain, needed, reason);
  }

  private GateResult headToHead(EvaluationCompleted e, Optional<ModelVersion> production) {
    if (production.isEmpty()) {
      return GateResult.pass(HEAD_TO_HEAD, 0, 0, "no champion yet");
    }
    HeadToHeadResult match = e.getHeadToHead();
    String champion = production.get().getModelId();
    if (match == null) {
      return config.headToHead().required()
          ? GateResult.fail(HEAD_TO_HEAD, 0, 1, "no head-to-head result against " + champion)
          : GateResult.pass(HEAD_TO_HEAD, 0, 0, "no head-to-head result; not required");
    }
    if (!champion.equals(match.getChampionModelId())) {
      return GateResult.fail(
          HEAD_TO_HEAD,
          0,
          1,
          "played " + match.getChampionModelId() + " but the champion is " + champion);
    }
    Double elo = production.get().getElo();
    return headToHead.judge(match, elo != null ? elo : match.getChampionElo());
  }

  private static Optional<BaselineResult> baseline(EvaluationCompleted e, String name) {
    return e.getBaselines().stream()
        .filter(b -> b.getBaseline().equalsIgnoreCase(name))
        .findFirst();
  }
}
