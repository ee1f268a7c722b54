package ai.ringrift.streams.signals;

import static ai.ringrift.streams.TestEvents.evaluation;
import static ai.ringrift.streams.TestEvents.promoted;
import static ai.ringrift.streams.TestEvents.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.RegressionAction;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.RegressionSeverity;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.common.DeadLetterRoutes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Re-evaluations of the production model (promoted at Elo 1600) and the regressions they show. */
class RegressionDetectionTest {
  static final String CONFIG = "hex8_2p";

  Driver driver;

  @BeforeEach
  void start() {
    driver =
        new Driver(
            SignalComputerApp.buildTopology(Driver.appConfig(SignalComputerTest.RULES)),
            DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(SignalComputerApp.INPUTS)));
    driver.send(promoted(CONFIG, "champion", 1600, driver.now()));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  record Eval(double elo, int games) {}

  record Found(RegressionSeverity severity, RegressionAction action, int consecutive) {}

  static Stream<Arguments> regressions() {
    return Stream.of(
        Arguments.of("drop 19 is no regression", List.of(new Eval(1581, 60)), List.of()),
        Arguments.of(
            "drop 20 is minor",
            List.of(new Eval(1580, 60)),
            List.of(new Found(RegressionSeverity.MINOR, RegressionAction.MONITOR, 1))),
        Arguments.of(
            "drop 35 is moderate",
            List.of(new Eval(1565, 60)),
            List.of(new Found(RegressionSeverity.MODERATE, RegressionAction.RETRAIN, 1))),
        Arguments.of(
            "drop 50 is severe",
            List.of(new Eval(1550, 60)),
            List.of(new Found(RegressionSeverity.SEVERE, RegressionAction.RETRAIN, 1))),
        Arguments.of(
            "drop 75 is critical and recommends rollback",
            List.of(new Eval(1525, 50)),
            List.of(new Found(RegressionSeverity.CRITICAL, RegressionAction.ROLLBACK, 1))),
        Arguments.of("fewer than 50 games say nothing", List.of(new Eval(1500, 49)), List.of()),
        Arguments.of(
            "three in a row recommend rollback",
            List.of(new Eval(1575, 60), new Eval(1578, 60), new Eval(1579, 60)),
            List.of(
                new Found(RegressionSeverity.MINOR, RegressionAction.MONITOR, 1),
                new Found(RegressionSeverity.MINOR, RegressionAction.MONITOR, 2),
                new Found(RegressionSeverity.MINOR, RegressionAction.ROLLBACK, 3))),
        Arguments.of(
            "a good evaluation breaks the run",
            List.of(new Eval(1575, 60), new Eval(1600, 60), new Eval(1560, 60)),
            List.of(
                new Found(RegressionSeverity.MINOR, RegressionAction.MONITOR, 1),
                new Found(RegressionSeverity.MODERATE, RegressionAction.RETRAIN, 1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regressions")
  void severityAndRecommendationFollowTheEloDrop(
      String name, List<Eval> evaluations, List<Found> expected) {
    for (Eval e : evaluations) {
      driver.send(
          evaluation(CONFIG, "champion", e.elo(), driver.now()).setGamesPlayed(e.games()).build());
    }

    List<RegressionDetected> found = driver.drain(RegressionDetected.class);

    assertThat(found)
        .extracting(r -> new Found(r.getSeverity(), r.getRecommendation(), r.getConsecutive()))
        .containsExactlyElementsOf(expected);
    found.forEach(r -> assertThat(r.getModelId()).isEqualTo("champion"));
  }

  @Test
  void aCandidateBelowTheChampionIsNoRegression() {
    driver.send(evaluation(CONFIG, "candidate", 1400, driver.now()).build());

    assertThat(driver.drain(RegressionDetected.class)).isEmpty();
  }

  @Test
  void afterARollbackTheRestoredModelIsMeasuredAgainstItsOwnPromotionElo() {
    driver.send(promoted(CONFIG, "newer", 1700, driver.now()));
    driver.send(rolledBack(CONFIG, "newer", "champion", driver.now()));

    driver.send(evaluation(CONFIG, "champion", 1520, driver.now()).build());

    RegressionDetected found = driver.drain(RegressionDetected.class).get(0);
    assertThat(found.getEloDrop()).isEqualTo(80.0);
    assertThat(found.getSeverity()).isEqualTo(RegressionSeverity.CRITICAL);
    assertThat(found.getHeader().getCausationId()).isNotNull();
  }
}
