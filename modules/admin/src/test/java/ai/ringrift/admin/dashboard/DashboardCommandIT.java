package ai.ringrift.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import org.junit.jupiter.api.Test;

/** {@code ringrift dashboard} says in one line when there is no cluster to show. */
class DashboardCommandIT {
  @Test
  void anUnreachableClusterIsOneLineAndExitOne() {
    Cli.Result result = Cli.against("localhost:1", "dashboard", "--http-port", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("ringrift dashboard: cannot reach Kafka at localhost:1");
    assertThat(result.err().lines()).hasSize(1);
  }
}
