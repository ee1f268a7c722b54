package ai.ringrift.streams.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.promotion.PromotionConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --set key=value} on a validated config record. */
class ConfigOverridesTest {
  static final PromotionConfig LIVE = PromotionConfig.load(Driver.CONFIG);

  @Test
  void changesNestedValuesAndLeavesTheRest() {
    PromotionConfig changed =
        ConfigOverrides.apply(
            LIVE,
            Map.of(
                "headToHead.rule", "SPRT",
                "cooldownSeconds", "900",
                "winRateFloors.hex8_2p.random", "0.8",
                "minGamesPerBaseline.4", "120"));

    assertThat(changed.headToHead().rule()).isEqualTo(PromotionConfig.Rule.SPRT);
    assertThat(changed.cooldownSeconds()).isEqualTo(900);
    assertThat(changed.floorOf(ConfigKeys.parse("hex8_2p")).random()).isEqualTo(0.8);
    assertThat(changed.minGamesPerBaseline(ConfigKeys.parse("hex8_4p"))).isEqualTo(120);
    assertThat(changed.eloGain()).isEqualTo(LIVE.eloGain());
  }

  @Test
  void anUnknownKeyListsTheKnownOnes() {
    assertThatThrownBy(() -> ConfigOverrides.apply(LIVE, Map.of("headToHead.rules", "SPRT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("headToHead.rules: unknown key 'rules'")
        .hasMessageContaining("required, rule, sprt, threshold");
  }

  @Test
  void aBadValueFailsValidationWithItsKey() {
    assertThatThrownBy(() -> ConfigOverrides.apply(LIVE, Map.of("rollback.winRateDrop", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rollback.winRateDrop")
        .hasMessageContaining("must be between 0.0 and 1.0, was 1.5");
  }

  @Test
  void noOverridesIsTheSameConfig() {
    assertThat(ConfigOverrides.apply(LIVE, Map.of())).isSameAs(LIVE);
  }
}
