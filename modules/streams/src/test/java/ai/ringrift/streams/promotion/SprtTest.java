package ai.ringrift.streams.promotion;

import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.headToHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.ringrift.events.PromotionRejected;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Leela Zero's SPRT (elo0 0, elo1 35, alpha = beta = 0.05, > 100 games to pass, cap 400). */
class SprtTest {
  static final PromotionConfig.Sprt LEELA = PromotionDriver.RULES.headToHead().sprt();

  static Stream<Arguments> matches() {
    return Stream.of(
        Arguments.of(
            "70-30 is convincing but needs more than 100 games", 70, 30, 0, Sprt.Verdict.CONTINUE),
        Arguments.of("71-30 accepts after 101 games", 71, 30, 0, Sprt.Verdict.ACCEPT),
        Arguments.of("60-20 with 22 draws accepts", 60, 20, 22, Sprt.Verdict.ACCEPT),
        Arguments.of("40-60 is not yet a rejection", 40, 60, 0, Sprt.Verdict.CONTINUE),
        Arguments.of("35-65 rejects", 35, 65, 0, Sprt.Verdict.REJECT),
        Arguments.of("3-33 rejects early", 3, 33, 0, Sprt.Verdict.REJECT),
        Arguments.of("220-180 passes at the cap (55 %)", 220, 180, 0, Sprt.Verdict.ACCEPT),
        Arguments.of("219-181 fails at the cap", 219, 181, 0, Sprt.Verdict.REJECT),
        Arguments.of("110-100 keeps playing below the cap", 110, 100, 0, Sprt.Verdict.CONTINUE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matches")
  void verdicts(String name, int wins, int losses, int draws, Sprt.Verdict verdict) {
    assertThat(Sprt.test(LEELA, wins, losses, draws).verdict()).isEqualTo(verdict);
  }

  @Test
  void boundsAndLikelihoodRatioAreLeelaZeros() {
    Sprt.Result r = Sprt.test(LEELA, 220, 180, 0);

    assertThat(r.upper()).isCloseTo(Math.log(0.95 / 0.05), within(1e-12));
    assertThat(r.lower()).isCloseTo(Math.log(0.05 / 0.95), within(1e-12));
    double p1 = 1 / (1 + Math.pow(10, -35 / 400.0));
    double llr = 220 * Math.log(p1 / 0.5) + 180 * Math.log((1 - p1) / 0.5);
    assertThat(r.llr()).isCloseTo(llr, within(1e-9)).isCloseTo(2.0, within(0.05));
  }

  static Stream<Arguments> gate() {
    return Stream.of(
        Arguments.of(71, 30, null),
        Arguments.of(70, 30, "undecided"),
        Arguments.of(35, 65, "rejected"),
        Arguments.of(219, 181, "rejected at the cap"));
  }

  @ParameterizedTest(name = "{0}-{1}: {2}")
  @MethodSource("gate")
  void headToHeadGateUsesTheSprtWhenConfigured(int wins, int losses, String rejection) {
    try (PromotionDriver promotion = new PromotionDriver(Map.of("headToHead.rule", "SPRT"))) {
      promotion.champion("square8_2p", "champion", 1600, Duration.ofDays(1));

      promotion.send(
          evaluation("square8_2p", "candidate", 1610, promotion.driver.now())
              .setHeadToHead(headToHead("champion", 1600, wins, losses, 0))
              .build());

      if (rejection == null) {
        assertThat(promotion.promoted()).hasSize(1);
        assertThat(promotion.rejected()).isEmpty();
      } else {
        PromotionRejected r = promotion.rejected().get(0);
        assertThat(r.getGate()).isEqualTo(PromotionGates.ELO_GAIN); // +10 and no win to waive it
        assertThat(promotion.promoted()).isEmpty();
        promotion.send(
            evaluation("square8_2p", "candidate-2", 1700, promotion.driver.now())
                .setHeadToHead(headToHead("champion", 1600, wins, losses, 0))
                .build());
        PromotionRejected h2h = promotion.rejected().get(0);
        assertThat(h2h.getGate()).isEqualTo(PromotionGates.HEAD_TO_HEAD);
        assertThat(h2h.getReason()).contains(rejection);
      }
    }
  }
}
