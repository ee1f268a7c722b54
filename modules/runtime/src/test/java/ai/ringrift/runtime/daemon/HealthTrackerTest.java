package ai.ringrift.runtime.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.runtime.daemon.HealthTracker.Verdict;
import com.codahale.metrics.health.HealthCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Health-check results to verdicts, with the repository's numbers (grace 300 s, 3 failures). */
class HealthTrackerTest {
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  /** Checks as "seconds-after-start:ok|fail" turn into these verdicts, in order. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a failing start within the grace does not count | 0:fail 150:fail 299:fail | IN_GRACE IN_GRACE IN_GRACE",
        "a passing check is healthy at any time | 0:ok 400:ok | HEALTHY HEALTHY",
        "after the grace a failure degrades | 300:fail | DEGRADED",
        "three consecutive failures restart | 300:fail 330:fail 360:fail | DEGRADED DEGRADED RESTART",
        "a pass in between starts the count again | 300:fail 330:fail 360:ok 390:fail 420:fail | DEGRADED DEGRADED HEALTHY DEGRADED DEGRADED",
        "failures in the grace are not counted after it | 200:fail 250:fail 300:fail 330:fail | IN_GRACE IN_GRACE DEGRADED DEGRADED"
      })
  void verdicts(String name, String checks, String expected) {
    HealthTracker tracker = new HealthTracker(RestartPolicyTest.SETTINGS.health());
    List<Verdict> verdicts = new ArrayList<>();
    for (String check : checks.trim().split(" ")) {
      String[] atResult = check.split(":");
      HealthCheck.Result result =
          atResult[1].equals("ok")
              ? HealthCheck.Result.healthy()
              : HealthCheck.Result.unhealthy("down");
      verdicts.add(
          tracker.record(result, STARTED, STARTED.plusSeconds(Long.parseLong(atResult[0]))));
    }
    assertThat(verdicts)
        .containsExactlyElementsOf(
            Arrays.stream(expected.trim().split(" ")).map(Verdict::valueOf).toList());
  }
}
