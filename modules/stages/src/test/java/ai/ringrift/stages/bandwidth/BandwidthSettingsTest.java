package ai.ringrift.stages.bandwidth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandwidthSettingsTest {
  @TempDir Path dir;

  @Test
  void aPerHostLimitAboveTheTotalIsRefusedByName() {
    assertThatThrownBy(() -> new BandwidthLimits(25_000, 150_000, 400_000, 300_000, 5, 12, 1_000))
        .isInstanceOf(ConfigException.class)
        .hasMessage("totalKbps: must be at least 400000, was 300000");
  }

  @Test
  void aClientMustGiveUpBeforeTheAllocatorDropsItsRequest() throws IOException {
    Files.writeString(
        dir.resolve("bandwidth.yaml"),
        Files.readString(Path.of("../../config/bandwidth.yaml"))
            .replace("clientGrantTimeoutSeconds: 600", "clientGrantTimeoutSeconds: 3600"));
    assertThatThrownBy(() -> BandwidthSettings.load(ConfigSource.directory(dir)))
        .hasMessageContaining("bandwidth.yaml: bandwidth.clientGrantTimeoutSeconds")
        .hasMessageContaining("must be between 1 and 1800, was 3600");
  }
}
