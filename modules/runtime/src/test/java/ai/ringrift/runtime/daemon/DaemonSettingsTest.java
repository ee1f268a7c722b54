package ai.ringrift.runtime.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonSettingsTest {
  static final Path CONFIG = Path.of("../../config");
  @TempDir Path dir;

  @Test
  void theRepositorySettingsAreTheOriginals() {
    DaemonSettings settings = DaemonSettings.load(ConfigSource.directory(CONFIG));
    assertThat(settings.health().interval(false)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.health().interval(true)).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.health().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.health().startGrace()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.daemons()).containsKey("bandwidth-allocator");
  }

  @Test
  void profilesSelectDaemons() throws IOException {
    DaemonSettings settings =
        withDaemons(
            "    a: {profiles: [sync]}\n    b: {profiles: [training]}\n    c: {profiles: [sync, training]}\n");
    assertThat(LaunchSelection.all().resolve(settings)).containsExactly("a", "b", "c");
    assertThat(LaunchSelection.sync().resolve(settings)).containsExactly("a", "c");
    assertThat(LaunchSelection.trainingOnly().resolve(settings)).containsExactly("b", "c");
    assertThat(LaunchSelection.stage("b").resolve(settings)).containsExactly("b");
    assertThatThrownBy(() -> LaunchSelection.stage("z").resolve(settings))
        .hasMessageContaining("no daemon 'z' in daemons.yaml (known: [a, b, c])");
  }

  @Test
  void anUnknownProfileIsRefusedByName() throws IOException {
    assertThatThrownBy(() -> withDaemons("    a: {profiles: [nightly]}\n"))
        .hasMessageContaining("daemons.daemons.a.profiles")
        .hasMessageContaining("unknown profile 'nightly'");
  }

  @Test
  void anEmptyProfileIsAnErrorNotASilentNoOp() throws IOException {
    DaemonSettings settings = withDaemons("    a: {profiles: [sync]}\n");
    assertThatThrownBy(() -> LaunchSelection.trainingOnly().resolve(settings))
        .hasMessageContaining("no daemon in daemons.yaml belongs to profile 'training'");
  }

  DaemonSettings withDaemons(String entries) throws IOException {
    String original = Files.readString(CONFIG.resolve("daemons.yaml"));
    String head = original.substring(0, original.indexOf("  daemons:\n    "));
    Files.writeString(dir.resolve("daemons.yaml"), head + "  daemons:\n" + entries);
    return DaemonSettings.load(ConfigSource.directory(dir));
  }
}
