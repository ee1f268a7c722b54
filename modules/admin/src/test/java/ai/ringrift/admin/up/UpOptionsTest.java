package ai.ringrift.admin.up;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import org.junit.jupiter.api.Test;

/** Bad options of {@code ringrift up} are usage errors before anything starts. */
class UpOptionsTest {
  @Test
  void anUnknownConfigIsAUsageErrorNamingIt() {
    Cli.Result result = Cli.run("up", "--configs", "square8_2p,chess_2p", "--port", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("--configs: 'chess_2p' is not a config key like square8_2p");
    assertThat(result.out()).doesNotContain("kafka broker up");
  }

  @Test
  void negativeIterationsAreAUsageError() {
    Cli.Result result = Cli.run("up", "--iterations", "-1", "--port", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("--iterations must be 0 or more, was -1");
  }
}
