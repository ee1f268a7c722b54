package ai.ringrift.stages.action.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.stages.action.ResultFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsyncStatsTest {
  @Test
  void readsTheStatsOfRsync3() {
    RsyncStats stats =
        RsyncStats.parse(
            List.of(
                "Number of files: 3 (reg: 2, dir: 1)",
                "Number of regular files transferred: 2",
                "Total file size: 300,003 bytes",
                "Total transferred file size: 300,003 bytes",
                "Literal data: 100,503 bytes",
                "Matched data: 199,500 bytes",
                "Total bytes sent: 300280",
                "Total bytes received: 54",
                "sent 300280 bytes  received 54 bytes  600668.00 bytes/sec"));

    assertThat(stats).isEqualTo(new RsyncStats(2, 300_003, 100_503, 199_500, 300_280, 54));
  }

  @Test
  void readsTheFileCountOfOlderRsync() {
    RsyncStats stats =
        RsyncStats.parse(
            List.of("Number of files transferred: 4", "Total transferred file size: 10 bytes"));

    assertThat(stats.filesTransferred()).isEqualTo(4);
  }

  @Test
  void refusesOutputWithoutStats() {
    assertThatThrownBy(() -> RsyncStats.parse(List.of("sending incremental file list", "a.bin")))
        .isInstanceOf(ResultFormatException.class)
        .hasMessageStartingWith("rsync printed no --stats block");
  }
}
