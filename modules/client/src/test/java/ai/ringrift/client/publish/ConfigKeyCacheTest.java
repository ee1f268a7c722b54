package ai.ringrift.client.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.Board;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import org.junit.jupiter.api.Test;

class ConfigKeyCacheTest {
  @Test
  void everyConfigFormatsAsConfigKeysDoes() {
    for (ConfigKey key : ConfigKeys.all()) {
      assertThat(ConfigKeyCache.format(key)).isEqualTo(ConfigKeys.format(key));
    }
  }

  @Test
  void anInvalidPlayerCountFailsAsConfigKeysDoes() {
    assertThatThrownBy(() -> ConfigKeyCache.format(new ConfigKey(Board.HEX8, 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("players must be 2 to 4, was 7");
  }
}
