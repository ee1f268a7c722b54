package ai.ringrift.streams.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.contract.CircuitAdmission;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.TestEvents;
import ai.ringrift.streams.common.DeadLetterRoutes;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition of a (stage, config) breaker through the app's topology, with the wall clock
 * under the test's control (threshold 3, recovery 300 s doubling per open up to 3600 s, jitter +-10
 * %, decay every 600 s CLOSED).
 */
class CircuitBreakerTest {
  static final CircuitBreakerConfig RULES = CircuitBreakerConfig.load(Driver.CONFIG);

  Driver driver;

  @BeforeEach
  void start() {
    driver =
        new Driver(
            CircuitBreakerApp.buildTopology(Driver.appConfig(RULES)),
            DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(CircuitBreakerApp.inputs())));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /**
   * script, expected transitions, final status, consecutive failures, opens, and for OPEN the
   * window (seconds from the last step) its retry time must fall in.
   */
  static Stream<Arguments> transitions() {
    return Stream.of(
        row(
            "failures below the threshold keep it closed",
            "F F",
            List.of(),
            CircuitStatus.CLOSED,
            2,
            0,
            null),
        row("a success resets the count", "F F S F F", List.of(), CircuitStatus.CLOSED, 2, 0, null),
        row(
            "the third consecutive failure opens it",
            "F F F",
            List.of("CLOSED>OPEN"),
            CircuitStatus.OPEN,
            3,
            1,
            new long[] {270, 330}),
        row(
            "results while open decide nothing",
            "F F F S F",
            List.of("CLOSED>OPEN"),
            CircuitStatus.OPEN,
            3,
            1,
            new long[] {270, 330}),
        row(
            "still open before 0.9 x recovery",
            "F F F +269",
            List.of("CLOSED>OPEN"),
            CircuitStatus.OPEN,
            3,
            1,
            new long[] {1, 61}),
        row(
            "half-open once 1.1 x recovery passed",
            "F F F +330",
            List.of("CLOSED>OPEN", "OPEN>HALF_OPEN"),
            CircuitStatus.HALF_OPEN,
            3,
            1,
            null),
        row(
            "a successful probe closes it",
            "F F F +330 P S",
            List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED"),
            CircuitStatus.CLOSED,
            0,
            1,
            null),
        row(
            "a failed probe re-opens it for twice as long",
            "F F F +330 P F",
            List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>OPEN"),
            CircuitStatus.OPEN,
            4,
            2,
            new long[] {540, 660}),
        row(
            "the third opening waits four times as long",
            "F F F +330 F +660 F",
            List.of(
                "CLOSED>OPEN",
                "OPEN>HALF_OPEN",
                "HALF_OPEN>OPEN",
                "OPEN>HALF_OPEN",
                "HALF_OPEN>OPEN"),
            CircuitStatus.OPEN,
            5,
            3,
            new long[] {1080, 1320}),
        row(
            "recovery is capped at 3600 s",
            "F F F +330 F +660 F +1320 F +2640 F",
            List.of(
                "CLOSED>OPEN",
                "OPEN>HALF_OPEN",
                "HALF_OPEN>OPEN",
                "OPEN>HALF_OPEN",
                "HALF_OPEN>OPEN",
                "OPEN>HALF_OPEN",
                "HALF_OPEN>OPEN",
                "OPEN>HALF_OPEN",
                "HALF_OPEN>OPEN"),
            CircuitStatus.OPEN,
            7,
            5,
            new long[] {3240, 3960}),
        row(
            "a reset closes an open breaker and forgets its opens",
            "F F F R",
            List.of("CLOSED>OPEN", "OPEN>CLOSED"),
            CircuitStatus.CLOSED,
            0,
            0,
            null),
        row(
            "a reset of a closed breaker clears its failures",
            "F F R",
            List.of(),
            CircuitStatus.CLOSED,
            0,
            0,
            null));
  }

  static Arguments row(
      String name,
      String script,
      List<String> transitions,
      CircuitStatus status,
      int failures,
      int opens,
      long[] retryWindow) {
    return Arguments.of(name, script, transitions, status, failures, opens, retryWindow);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("transitions")
  void breakerFollowsTheRules(
      String name,
      String script,
      List<String> transitions,
      CircuitStatus status,
      int failures,
      int opens,
      long[] retryWindow) {
    BreakerScript.run(driver, script);

    assertThat(driver.drain(CircuitStateChanged.class))
        .extracting(c -> c.getFromState() + ">" + c.getToState())
        .containsExactlyElementsOf(transitions);
    CircuitState state = state();
    assertThat(state.getStatus()).isEqualTo(status);
    assertThat(state.getConsecutiveFailures()).isEqualTo(failures);
    assertThat(state.getOpens()).isEqualTo(opens);
    List<CircuitState> table = driver.drain(CircuitState.class);
    assertThat(table).isNotEmpty().last().isEqualTo(state);
    if (retryWindow != null) {
      long inSeconds = Duration.between(driver.now(), state.getRetryAt()).toSeconds();
      assertThat(inSeconds).isBetween(retryWindow[0], retryWindow[1]);
    } else if (status != CircuitStatus.OPEN) {
      assertThat(state.getRetryAt()).isNull();
    }
  }

  @Test
  void halfOpenAdmitsOneProbe() {
    BreakerScript.run(driver, "F F F +330");
    assertThat(CircuitAdmission.of(state(), driver.now()))
        .isEqualTo(CircuitAdmission.Verdict.RUN_AS_PROBE);

    BreakerScript.run(driver, "P");
    assertThat(state().getProbeInFlight()).isTrue();
    assertThat(CircuitAdmission.of(state(), driver.now())).isEqualTo(CircuitAdmission.Verdict.WAIT);

    BreakerScript.run(driver, "I");
    assertThat(CircuitAdmission.of(state(), driver.now()))
        .isEqualTo(CircuitAdmission.Verdict.RUN_AS_PROBE);
  }

  @Test
  void openCountHalvesForEvery600SecondsClosed() {
    BreakerScript.run(driver, "F F F +330 F +660 F +1320 P S");
    assertThat(state().getOpens()).isEqualTo(3);

    BreakerScript.run(driver, "+599");
    assertThat(state().getOpens()).isEqualTo(3);
    BreakerScript.run(driver, "+1");
    assertThat(state().getOpens()).isEqualTo(1);
    BreakerScript.run(driver, "+600");
    assertThat(state().getOpens()).isZero();
  }

  @Test
  void afterDecayTheNextOpeningWaitsLessAgain() {
    BreakerScript.run(driver, "F F F +330 F +660 P S +1200 F F F");

    CircuitState state = state();
    assertThat(state.getOpens()).isEqualTo(1);
    long inSeconds = Duration.between(driver.now(), state.getRetryAt()).toSeconds();
    assertThat(inSeconds).isBetween(270L, 330L);
  }

  @Test
  void breakersOfOtherStagesAndConfigsAreIndependent() {
    BreakerScript.run(driver, "F F F");
    driver.send(TestEvents.training("hex8_2p", "m", driver.now()));

    assertThat(driver.<CircuitState>store(CircuitBreakerApp.STORE).get("square8_2p/evaluation"))
        .isNull();
    assertThat(driver.<CircuitState>store(CircuitBreakerApp.STORE).get("hex8_2p/training"))
        .isNull(); // a success of a fresh breaker changes nothing: no state is written
    assertThat(state().getStatus()).isEqualTo(CircuitStatus.OPEN);
  }

  private CircuitState state() {
    return driver.<CircuitState>store(CircuitBreakerApp.STORE).get(BreakerScript.KEY);
  }
}
