package ai.ringrift.streams.signals;

import static ai.ringrift.streams.TestEvents.selfplay;
import static ai.ringrift.streams.TestEvents.training;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.Urgency;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.common.DeadLetterRoutes;
import ai.ringrift.streams.state.SignalState;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The signal computer's urgency, should-train, priority and intensity, through its topology. */
class SignalComputerTest {
  static final SignalsConfig RULES = SignalsConfig.load(Driver.CONFIG);

  Driver driver;

  @BeforeEach
  void start() {
    driver =
        new Driver(
            SignalComputerApp.buildTopology(Driver.appConfig(RULES)),
            DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(SignalComputerApp.INPUTS)));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /**
   * Every urgency rule in order, with the priority and intensity the formulas give. Quality is 1.0
   * unless set, which adds 30 * (1.0 - 0.7) = 9 to every priority.
   */
  static Stream<Arguments> urgencyTable() {
    Duration h = Duration.ofHours(1);
    return Stream.of(
        row(
            "1 low quality beats many games",
            SignalScenario.games(200).quality(0.2),
            SignalRules.Rule.LOW_QUALITY,
            Urgency.LOW,
            false,
            5 + 10 - 2,
            0.75),
        row(
            "1 low quality floors the priority at 0",
            SignalScenario.games(0).quality(0.0),
            SignalRules.Rule.LOW_QUALITY,
            Urgency.LOW,
            false,
            0,
            0.75),
        row(
            "1 does not apply with a regression",
            SignalScenario.games(10).quality(0.2).winRate(0.40),
            SignalRules.Rule.WIN_RATE_REGRESSION,
            Urgency.CRITICAL,
            true,
            100 + 2.5 - 2,
            2.0),
        row(
            "2 bootstrap",
            SignalScenario.games(60).noModel(),
            SignalRules.Rule.BOOTSTRAP,
            Urgency.HIGH,
            true,
            50 + 25 + 9,
            1.5),
        row(
            "2 no bootstrap below 50 games",
            SignalScenario.games(49).noModel(),
            SignalRules.Rule.NOTHING,
            Urgency.NONE,
            false,
            9,
            0.5),
        row(
            "3 Elo drop above 30",
            SignalScenario.games(10).trend(-40),
            SignalRules.Rule.ELO_DROP,
            Urgency.CRITICAL,
            true,
            100 + 20 + 9,
            2.0),
        row(
            "4 win-rate regression",
            SignalScenario.games(10).winRate(0.40),
            SignalRules.Rule.WIN_RATE_REGRESSION,
            Urgency.CRITICAL,
            true,
            100 + 2.5 + 9,
            2.0),
        row(
            "5 ratio 1.6",
            SignalScenario.games(160),
            SignalRules.Rule.MANY_GAMES,
            Urgency.HIGH,
            true,
            50 + 6 + 9,
            1.5),
        row(
            "5 improving trend lowers intensity",
            SignalScenario.games(160).trend(30),
            SignalRules.Rule.MANY_GAMES,
            Urgency.HIGH,
            true,
            50 + 6 + 9,
            1.5 * 0.9),
        row(
            "6 stale 1.67 with ratio 0.4",
            SignalScenario.games(40).trainedAgo(h.multipliedBy(10)),
            SignalRules.Rule.STALE_WITH_GAMES,
            Urgency.HIGH,
            true,
            50 + 9,
            1.5),
        row(
            "7 ratio 1.0",
            SignalScenario.games(100),
            SignalRules.Rule.ENOUGH_GAMES,
            Urgency.NORMAL,
            true,
            20 + 9,
            1.0),
        row(
            "7 but too soon after training",
            SignalScenario.games(100).trainedAgo(Duration.ofMinutes(2)),
            SignalRules.Rule.ENOUGH_GAMES,
            Urgency.NORMAL,
            false,
            20 + 9,
            1.0),
        row(
            "8 stale 1.17 with ratio 0.6",
            SignalScenario.games(60).trainedAgo(h.multipliedBy(7)),
            SignalRules.Rule.STALE_WITH_SOME_GAMES,
            Urgency.NORMAL,
            true,
            20 + 9,
            1.0),
        row(
            "9 ratio 0.85",
            SignalScenario.games(85),
            SignalRules.Rule.SOME_GAMES,
            Urgency.LOW,
            false,
            5 + 9,
            0.75),
        row(
            "9 high quality adds more",
            SignalScenario.games(85).quality(0.9),
            SignalRules.Rule.SOME_GAMES,
            Urgency.LOW,
            false,
            5 + 6,
            0.75),
        row(
            "10 mild Elo regression",
            SignalScenario.games(10).trend(-15),
            SignalRules.Rule.REGRESSION,
            Urgency.LOW,
            false,
            5 + 7.5 + 9,
            0.75),
        row(
            "10 declining trend raises intensity",
            SignalScenario.games(10).trend(-25).quality(0.5),
            SignalRules.Rule.REGRESSION,
            Urgency.LOW,
            false,
            5 + 12.5,
            0.75 * 1.2),
        row(
            "11 nothing",
            SignalScenario.games(10),
            SignalRules.Rule.NOTHING,
            Urgency.NONE,
            false,
            9,
            0.5));
  }

  static Arguments row(
      String name,
      SignalScenario scenario,
      SignalRules.Rule rule,
      Urgency urgency,
      boolean shouldTrain,
      double priority,
      double intensity) {
    return Arguments.of(name, scenario, rule, urgency, shouldTrain, priority, intensity);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urgencyTable")
  void signalFollowsTheFirstMatchingRule(
      String name,
      SignalScenario scenario,
      SignalRules.Rule rule,
      Urgency urgency,
      boolean shouldTrain,
      double priority,
      double intensity) {
    scenario.replay(driver);

    TrainingSignal signal = last(driver.drain(TrainingSignal.class));
    assertThat(signal.getReason()).startsWith(rule.name() + ":");
    assertThat(signal.getUrgency()).isEqualTo(urgency);
    assertThat(signal.getShouldTrain()).isEqualTo(shouldTrain);
    assertThat(signal.getPriority()).isCloseTo(priority, within(1e-6));
    assertThat(signal.getIntensity()).isCloseTo(intensity, within(1e-6));
    SignalState stored =
        driver.<SignalState>store(SignalComputerApp.INPUTS_STORE).get(SignalScenario.CONFIG);
    assertThat(stored.getLastSignal()).startsWith(urgency + "|");
  }

  @Test
  void stalenessRaisesUrgencyOnTheWallClockWithoutNewInput() {
    SignalScenario.games(60).trainedAgo(Duration.ofHours(5)).replay(driver);
    assertThat(last(driver.drain(TrainingSignal.class)).getUrgency()).isEqualTo(Urgency.NONE);

    driver.tick(Duration.ofMinutes(59));
    assertThat(driver.drain(TrainingSignal.class)).isEmpty();

    driver.tick(Duration.ofMinutes(1));
    TrainingSignal signal = last(driver.drain(TrainingSignal.class));
    assertThat(signal.getUrgency()).isEqualTo(Urgency.NORMAL);
    assertThat(signal.getReason()).startsWith("STALE_WITH_SOME_GAMES");
    assertThat(signal.getStalenessHours()).isCloseTo(6.0, within(1e-6));
  }

  @Test
  void cooldownAfterTrainingEndsOnTheWallClock() {
    driver.send(training(SignalScenario.CONFIG, "m1", driver.now()));
    driver.send(selfplay(SignalScenario.CONFIG, 120, driver.now()));
    assertThat(last(driver.drain(TrainingSignal.class)).getShouldTrain()).isFalse();

    driver.tick(Duration.ofSeconds(240));
    assertThat(driver.drain(TrainingSignal.class)).isEmpty();

    driver.tick(Duration.ofSeconds(60));
    TrainingSignal signal = last(driver.drain(TrainingSignal.class));
    assertThat(signal.getShouldTrain()).isTrue();
    assertThat(signal.getUrgency()).isEqualTo(Urgency.NORMAL);
  }

  @Test
  void eloPointsLeaveTheTrendWindowAfterAnHour() {
    SignalScenario.games(10).trend(-40).replay(driver);
    assertThat(last(driver.drain(TrainingSignal.class)).getUrgency()).isEqualTo(Urgency.CRITICAL);

    driver.tick(Duration.ofMinutes(31));

    TrainingSignal signal = last(driver.drain(TrainingSignal.class));
    assertThat(signal.getEloTrendPerHour()).isZero();
    assertThat(signal.getUrgency()).isEqualTo(Urgency.NONE);
  }

  @Test
  void newGamesThatChangeNothingEmitNoSignal() {
    driver.send(selfplay(SignalScenario.CONFIG, 10, driver.now()));
    assertThat(driver.drain(TrainingSignal.class)).hasSize(1);

    driver.send(selfplay(SignalScenario.CONFIG, 10, driver.now()));

    assertThat(driver.drain(TrainingSignal.class)).isEmpty();
  }

  @Test
  void trainingResetsTheNewGames() {
    driver.send(selfplay(SignalScenario.CONFIG, 150, driver.now()));
    driver.send(training(SignalScenario.CONFIG, "m1", driver.now()));

    TrainingSignal signal = last(driver.drain(TrainingSignal.class));
    assertThat(signal.getNewGames()).isZero();
    assertThat(signal.getUrgency()).isEqualTo(Urgency.NONE);
  }

  static <T> T last(List<T> values) {
    assertThat(values).isNotEmpty();
    return values.get(values.size() - 1);
  }
}
