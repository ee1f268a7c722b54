package ai.ringrift.runtime.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The original's restart policy, with the repository's numbers and a clock moved by hand. */
class RestartPolicyTest {
  static final DaemonSettings SETTINGS =
      DaemonSettings.load(ConfigSource.directory(Path.of("../../config")));
  final ManualClock clock = ManualClock.standing();
  final RestartPolicy policy = new RestartPolicy(SETTINGS.restart(), clock);

  @ParameterizedTest(name = "restart {0} within the hour waits {1} s")
  @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 160", "7, 320", "8, 320", "20, 320"})
  void backoffDoublesFromFiveSecondsToEightyThenTakesTheLaterDelays(int n, long seconds) {
    assertThat(SETTINGS.restart().delay(n)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void crashesSpacedBeyondTheCrashLoopWindowRestartWithGrowingDelays() {
    long[] expected = {5, 10, 20, 40, 80, 160, 320, 320};
    for (long seconds : expected) {
      RestartPolicy.Decision decision = policy.onCrash("export");
      assertThat(decision.restart()).isTrue();
      assertThat(decision.delayFrom(clock.instant())).isEqualTo(Duration.ofSeconds(seconds));
      clock.advanceSeconds(301); // two crashes never fall in one 300 s window... (see next test)
    }
  }

  @Test
  void theRestartCountStartsAgainAfterAQuietHour() {
    policy.onCrash("export");
    clock.advanceSeconds(301);
    assertThat(policy.onCrash("export").delayFrom(clock.instant())).hasSeconds(10);
    clock.advanceSeconds(3700); // past an hour after the last restart
    assertThat(policy.onCrash("export").delayFrom(clock.instant())).hasSeconds(5);
  }

  @Test
  void threeCrashesWithinFiveMinutesAreACrashLoopAndStopRestarts() {
    assertThat(policy.onCrash("training").restart()).isTrue();
    clock.advanceSeconds(150);
    assertThat(policy.onCrash("training").restart()).isTrue();
    clock.advanceSeconds(149);
    RestartPolicy.Decision third = policy.onCrash("training");
    assertThat(third.restart()).isFalse();
    assertThat(third.reason()).startsWith("crash loop: 3 crashes within PT5M");
    assertThat(policy.onCrash("export").restart()).as("other daemons are not affected").isTrue();
  }

  @Test
  void threeCrashesSpreadOverMoreThanFiveMinutesAreNotACrashLoop() {
    policy.onCrash("training");
    clock.advanceSeconds(200);
    policy.onCrash("training");
    clock.advanceSeconds(101);
    assertThat(policy.onCrash("training").restart()).isTrue();
  }

  @Test
  void moreThanTwentyFiveRestartsAcrossDaemonsHoldBackEveryRestartForTwoMinutes() {
    Instant start = clock.instant();
    for (int i = 0; i < 25; i++) {
      assertThat(policy.onCrash("d" + i).at()).isEqualTo(start.plusSeconds(5));
    }
    RestartPolicy.Decision storm = policy.onCrash("d25");
    assertThat(storm.restart()).isTrue();
    assertThat(storm.at()).isEqualTo(start.plusSeconds(5 + 120));
    assertThat(storm.reason()).contains("restart storm (more than 25 restarts");
    clock.advanceSeconds(1);
    RestartPolicy.Decision held = policy.onCrash("d26");
    assertThat(held.at()).as("held, without extending the block").isEqualTo(storm.at());
    assertThat(held.reason()).contains("held back by the restart storm guard");
    assertThat(policy.blockedUntil()).isEqualTo(start.plusSeconds(125));
  }
}
