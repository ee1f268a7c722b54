package ai.ringrift.stages.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPolicyTest {
  static final RunPolicy REPOSITORY =
      StagesFile.runs(ConfigSource.directory(Path.of("../../config")));

  @Test
  void theRepositoryRetriesThreeTimesWithExponentialBackoff() {
    assertThat(REPOSITORY.maxAttempts()).isEqualTo(3);
    assertThat(REPOSITORY.backoffAfter(1)).isEqualTo(Duration.ofSeconds(300));
    assertThat(REPOSITORY.backoffAfter(2)).isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void aConfigThatIsNotAConfigKeyIsRefusedNamingItsPlace() {
    assertThatThrownBy(() -> REPOSITORY.withConfigs(List.of("square8_2p", "square8")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configs[1]")
        .hasMessageContaining("square8");
  }

  @Test
  void servedConfigsAreParsed() {
    assertThat(REPOSITORY.withConfigs(List.of("hex8_3p")).configKeys())
        .extracting(ai.ringrift.events.ConfigKey::getPlayers)
        .containsExactly(3);
  }
}
