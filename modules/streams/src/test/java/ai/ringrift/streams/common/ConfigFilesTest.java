package ai.ringrift.streams.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.Stage;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.circuit.CircuitBreakerConfig;
import ai.ringrift.streams.promotion.PromotionConfig;
import ai.ringrift.streams.signals.SignalsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config files load into validated records; a bad value names its file and key. */
class ConfigFilesTest {
  @TempDir Path dir;

  @Test
  void theRepositoryFilesLoadWithTheReferenceNumbers() {
    SignalsConfig signals = SignalsConfig.load(Driver.CONFIG);
    assertThat(signals.trainingGameCount()).isEqualTo(100);
    assertThat(signals.regression().criticalDrop()).isEqualTo(75.0);
    CircuitBreakerConfig breakers = CircuitBreakerConfig.load(Driver.CONFIG);
    assertThat(breakers.settingsFor(Stage.TRAINING).failureThreshold()).isEqualTo(3);
    assertThat(breakers.settingsFor(Stage.SYNC).recoveryCapSeconds()).isEqualTo(3600);
    PromotionConfig promotion = PromotionConfig.load(Driver.CONFIG);
    assertThat(promotion.winRateFloors()).hasSize(12);
    assertThat(promotion.floorOf(ConfigKeys.parse("hexagonal_4p")).heuristic()).isEqualTo(0.35);
    assertThat(promotion.headToHead().sprt().elo1()).isEqualTo(35.0);
    assertThat(StreamsSettings.load(Driver.CONFIG, Map.of()).properties())
        .containsEntry("commit.interval.ms", "25");
  }

  @Test
  void aMissingWinRateFloorNamesTheConfig() throws IOException {
    ConfigSource source =
        edited("promotion.yaml", y -> y.replaceAll("(?m)^\\s+hexagonal_4p:.*$", ""));

    assertThatThrownBy(() -> PromotionConfig.load(source))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("promotion.yaml")
        .hasMessageContaining("winRateFloors.hexagonal_4p: is required");
  }

  @Test
  void anOutOfRangeValueNamesItsKey() throws IOException {
    ConfigSource source =
        edited("circuit-breakers.yaml", y -> y.replace("jitter: 0.1", "jitter: 2"));

    assertThatThrownBy(() -> CircuitBreakerConfig.load(source))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "circuitBreakers.defaults.jitter: must be between 0.0 and 0.5, was 2.0");
  }

  @Test
  void aStageOverrideKeepsTheOtherDefaults() throws IOException {
    ConfigSource source =
        edited(
            "circuit-breakers.yaml",
            y ->
                y.replace(
                    "stages: {}", "stages: {SYNC: {failureThreshold: 2, recoverySeconds: 90}}"));

    CircuitBreakerConfig config = CircuitBreakerConfig.load(source);

    assertThat(config.settingsFor(Stage.SYNC).failureThreshold()).isEqualTo(2);
    assertThat(config.settingsFor(Stage.SYNC).recoverySeconds()).isEqualTo(90);
    assertThat(config.settingsFor(Stage.SYNC).decayIntervalSeconds()).isEqualTo(600);
    assertThat(config.settingsFor(Stage.TRAINING).failureThreshold()).isEqualTo(3);
  }

  @Test
  void exactlyOnceCannotBeTurnedOffInTheFile() throws IOException {
    ConfigSource source =
        edited(
            "streams.yaml",
            y ->
                y.replace(
                    "  properties:\n", "  properties:\n    processing.guarantee: at_least_once\n"));

    assertThatThrownBy(() -> StreamsSettings.load(source, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("properties.processing.guarantee")
        .hasMessageContaining("cannot be overridden");
  }

  @Test
  void theStateDirectoryComesFromTheEnvironmentWhenSet() {
    StreamsSettings settings =
        StreamsSettings.load(Driver.CONFIG, Map.of(StreamsSettings.ENV_STATE_DIR, "/data/streams"));

    assertThat(settings.stateDir()).isEqualTo("/data/streams");
  }

  private ConfigSource edited(String file, UnaryOperator<String> edit) throws IOException {
    for (String name : new String[] {"topics.yaml", file}) {
      String text = Files.readString(Path.of("../../config", name));
      Files.writeString(dir.resolve(name), name.equals(file) ? edit.apply(text) : text);
    }
    return ConfigSource.directory(dir);
  }
}
