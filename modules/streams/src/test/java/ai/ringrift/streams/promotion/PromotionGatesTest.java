package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.TestEvents.baseline;
import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.headToHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.ringrift.events.BaselineResult;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every promotion gate, passing and rejecting, through the controller's topology. Each row sets a
 * scene (no champion, or a champion of some Elo promoted some time ago) and sends one evaluation;
 * the candidate is strong against the baselines unless the row says otherwise.
 */
class PromotionGatesTest {
  static final Duration LONG_AGO = Duration.ofDays(1);

  PromotionDriver promotion;

  @BeforeEach
  void start() {
    promotion = new PromotionDriver();
  }

  @AfterEach
  void stop() {
    promotion.close();
  }

  /** A scene: config, champion Elo (null for none), how long ago it was promoted. */
  record Scene(String config, Double championElo, Duration promotedAgo) {
    static Scene bootstrap(String config) {
      return new Scene(config, null, null);
    }

    static Scene champion(double elo) {
      return new Scene("square8_2p", elo, LONG_AGO);
    }
  }

  static Stream<Arguments> gates() {
    return Stream.of(
        passes("bootstrap: +10 over the start Elo", Scene.bootstrap("square8_2p"), 1510, e -> e),
        rejects(
            "1 baselines: heuristic missing",
            Scene.bootstrap("square8_2p"),
            1510,
            e -> e.setBaselines(List.of(baseline("RANDOM", 400, 100, 0.97))),
            PromotionGates.BASELINES_PRESENT,
            1,
            2),
        rejects(
            "1 baselines: none",
            Scene.bootstrap("square8_2p"),
            1510,
            e -> e.setBaselines(List.of(baseline("MCTS_400", 1400, 100, 0.9))),
            PromotionGates.BASELINES_PRESENT,
            0,
            2),
        rejects(
            "2 games: 2p needs 50",
            Scene.bootstrap("square8_2p"),
            1510,
            e -> e.setBaselines(strong(40, 100)),
            PromotionGates.GAMES_PER_BASELINE,
            40,
            50),
        rejects(
            "2 games: 3p needs 70",
            Scene.bootstrap("square8_3p"),
            1510,
            e -> e.setBaselines(strong(100, 69)),
            PromotionGates.GAMES_PER_BASELINE,
            69,
            70),
        rejects(
            "2 games: 4p needs 100",
            Scene.bootstrap("hex8_4p"),
            1510,
            e -> e.setBaselines(strong(99, 100)),
            PromotionGates.GAMES_PER_BASELINE,
            99,
            100),
        passes(
            "2 games: 4p with 100",
            Scene.bootstrap("hex8_4p"),
            1510,
            e -> e.setBaselines(strong(100, 100))),
        rejects(
            "3 floor: hex8_2p vs random 0.89 < 0.90",
            Scene.bootstrap("hex8_2p"),
            1510,
            e -> e.setBaselines(rates(0.89, 0.95)),
            PromotionGates.WIN_RATE_VS_RANDOM,
            0.89,
            0.90),
        rejects(
            "3 floor: square19_2p vs heuristic 0.69 < 0.70",
            Scene.bootstrap("square19_2p"),
            1510,
            e -> e.setBaselines(rates(0.95, 0.69)),
            PromotionGates.WIN_RATE_VS_HEURISTIC,
            0.69,
            0.70),
        passes(
            "3 floor: hexagonal_4p at exactly 0.50 / 0.35",
            Scene.bootstrap("hexagonal_4p"),
            1510,
            e -> e.setBaselines(rates(0.50, 0.35))),
        rejects(
            "4 cooldown: champion promoted 100 s ago",
            new Scene("square8_2p", 1600.0, Duration.ofSeconds(100)),
            1700,
            e -> e.setHeadToHead(headToHead("champion", 1600, 150, 50, 0)),
            PromotionGates.COOLDOWN,
            100,
            300),
        passes(
            "4 cooldown: champion promoted 300 s ago",
            new Scene("square8_2p", 1600.0, Duration.ofSeconds(300)),
            1700,
            e -> e.setHeadToHead(headToHead("champion", 1600, 150, 50, 0))),
        rejects(
            "5 Elo gain: +20 and lost the head-to-head",
            Scene.champion(1600),
            1620,
            e -> e.setHeadToHead(headToHead("champion", 1600, 100, 100, 0)),
            PromotionGates.ELO_GAIN,
            20,
            25),
        rejects(
            "5 Elo gain: +3 while bootstrapping",
            Scene.bootstrap("square8_2p"),
            1503,
            e -> e,
            PromotionGates.ELO_GAIN,
            3,
            5),
        passes(
            "5 Elo gain: +10 waived, beat the champion 0.56",
            Scene.champion(1600),
            1610,
            e -> e.setHeadToHead(headToHead("champion", 1600, 112, 88, 0))),
        rejects(
            "6 head-to-head: 0.51 < 0.52 below Elo 1700",
            Scene.champion(1600),
            1650,
            e -> e.setHeadToHead(headToHead("champion", 1600, 102, 98, 0)),
            PromotionGates.HEAD_TO_HEAD,
            0.51,
            0.52),
        passes(
            "6 head-to-head: 0.52 below Elo 1700",
            Scene.champion(1600),
            1650,
            e -> e.setHeadToHead(headToHead("champion", 1600, 104, 96, 0))),
        rejects(
            "6 head-to-head: 0.54 < 0.55 below Elo 1900",
            Scene.champion(1800),
            1850,
            e -> e.setHeadToHead(headToHead("champion", 1800, 108, 92, 0)),
            PromotionGates.HEAD_TO_HEAD,
            0.54,
            0.55),
        passes(
            "6 head-to-head: 0.55 below Elo 1900",
            Scene.champion(1800),
            1850,
            e -> e.setHeadToHead(headToHead("champion", 1800, 110, 90, 0))),
        rejects(
            "6 head-to-head: 0.57 < 0.58 from Elo 1900",
            Scene.champion(1950),
            2000,
            e -> e.setHeadToHead(headToHead("champion", 1950, 114, 86, 0)),
            PromotionGates.HEAD_TO_HEAD,
            0.57,
            0.58),
        rejects(
            "6 head-to-head: 150 of 200 games",
            Scene.champion(1600),
            1650,
            e -> e.setHeadToHead(headToHead("champion", 1600, 100, 50, 0)),
            PromotionGates.HEAD_TO_HEAD,
            150,
            200),
        rejects(
            "6 head-to-head: missing while a champion exists",
            Scene.champion(1600),
            1650,
            e -> e,
            PromotionGates.HEAD_TO_HEAD,
            0,
            1),
        rejects(
            "6 head-to-head: played a former champion",
            Scene.champion(1600),
            1650,
            e -> e.setHeadToHead(headToHead("someone-else", 1600, 150, 50, 0)),
            PromotionGates.HEAD_TO_HEAD,
            0,
            1));
  }

  static Arguments passes(
      String name, Scene scene, double elo, UnaryOperator<EvaluationCompleted.Builder> change) {
    return Arguments.of(name, scene, elo, change, null, 0.0, 0.0);
  }

  static Arguments rejects(
      String name,
      Scene scene,
      double elo,
      UnaryOperator<EvaluationCompleted.Builder> change,
      String gate,
      double actual,
      double threshold) {
    return Arguments.of(name, scene, elo, change, gate, actual, threshold);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gates")
  void gatesDecideInOrder(
      String name,
      Scene scene,
      double elo,
      UnaryOperator<EvaluationCompleted.Builder> change,
      String gate,
      double actual,
      double threshold) {
    if (scene.championElo() != null) {
      promotion.champion(scene.config(), "champion", scene.championElo(), scene.promotedAgo());
    }
    EvaluationCompleted e =
        change.apply(evaluation(scene.config(), "candidate", elo, promotion.driver.now())).build();

    promotion.send(e);

    List<ModelPromoted> promoted = promotion.promoted();
    List<PromotionRejected> rejected = promotion.rejected();
    if (gate == null) {
      assertThat(rejected).isEmpty();
      assertThat(promoted).singleElement().satisfies(p -> evidence(p, e, scene));
      assertThat(promotion.registry(scene.config()).getProductionModelId()).isEqualTo("candidate");
    } else {
      assertThat(promoted).isEmpty();
      PromotionRejected r = rejected.get(0);
      assertThat(rejected).hasSize(1);
      assertThat(r.getGate()).isEqualTo(gate);
      assertThat(r.getActual()).isCloseTo(actual, within(0.5));
      assertThat(r.getThreshold()).isCloseTo(threshold, within(1e-9));
      assertThat(r.getEvaluationEventId()).isEqualTo(e.getHeader().getEventId());
    }
  }

  static void evidence(ModelPromoted p, EvaluationCompleted e, Scene scene) {
    assertThat(p.getModelId()).isEqualTo("candidate");
    assertThat(p.getEvaluationEventId()).isEqualTo(e.getHeader().getEventId());
    assertThat(p.getEloAfter()).isEqualTo(e.getElo());
    if (scene.championElo() == null) {
      assertThat(p.getEloBefore()).isEqualTo(1500.0);
      assertThat(p.getPreviousModelId()).isNull();
    } else {
      assertThat(p.getEloBefore()).isEqualTo(scene.championElo());
      assertThat(p.getPreviousModelId()).isEqualTo("champion");
    }
    assertThat(p.getVsRandom()).isNotNull();
    assertThat(p.getHeader().getCausationId()).isEqualTo(e.getHeader().getEventId());
  }

  static List<BaselineResult> strong(int randomGames, int heuristicGames) {
    return List.of(
        baseline("RANDOM", 400, randomGames, 0.97),
        baseline("HEURISTIC", 900, heuristicGames, 0.92));
  }

  static List<BaselineResult> rates(double random, double heuristic) {
    return List.of(
        baseline("RANDOM", 400, 100, random), baseline("HEURISTIC", 900, 100, heuristic));
  }
}
