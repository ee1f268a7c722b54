package ai.ringrift.events.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.Board;
import ai.ringrift.events.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigKeysTest {
  @Test
  void formatsAndParsesAllTwelveConfigs() {
    assertThat(ConfigKeys.all()).hasSize(12);
    for (ConfigKey key : ConfigKeys.all()) {
      assertThat(ConfigKeys.parse(ConfigKeys.format(key))).isEqualTo(key);
    }
  }

  @Test
  void canonicalFormIsBoardInLowerCaseAndPlayers() {
    assertThat(ConfigKeys.format(ConfigKeys.of(Board.SQUARE8, 2))).isEqualTo("square8_2p");
    assertThat(ConfigKeys.format(ConfigKeys.of(Board.HEXAGONAL, 4))).isEqualTo("hexagonal_4p");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "square8", "square8_5p", "Square8_2p", "square8_2p ", "hex9_2p", "square8-2p"})
  void rejectsWhatIsNotACanonicalKey(String text) {
    assertThat(ConfigKeys.isValid(text)).isFalse();
    assertThatThrownBy(() -> ConfigKeys.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e.g. square8_2p");
  }

  @Test
  void rejectsPlayerCountsOutsideTwoToFour() {
    assertThatThrownBy(() -> ConfigKeys.of(Board.HEX8, 1))
        .hasMessageContaining("players must be 2 to 4");
    assertThatThrownBy(() -> ConfigKeys.format(new ConfigKey(Board.HEX8, 5)))
        .hasMessageContaining("players must be 2 to 4");
  }
}
