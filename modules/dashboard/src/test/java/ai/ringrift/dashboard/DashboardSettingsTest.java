package ai.ringrift.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardSettingsTest {
  @Test
  void thePackagedSettingsLoadAndAskThisProcessForTheStreamsViews() {
    DashboardSettings settings = DashboardSettings.load(ConfigSource.packaged(), Map.of());

    assertThat(settings.statusUrls()).isEmpty();
    assertThat(settings.pushIntervalMillis()).isEqualTo(250);
  }

  @Test
  void theEnvironmentNamesTheStatusEndpointsCommaSeparated() {
    DashboardSettings settings =
        DashboardSettings.load(
            ConfigSource.packaged(),
            Map.of(
                DashboardSettings.ENV_STATUS_URLS,
                "http://signal-computer:8080, http://circuit-breakers:8080,"));

    assertThat(settings.statusUrls())
        .isEqualTo(List.of("http://signal-computer:8080", "http://circuit-breakers:8080"));
  }

  @Test
  void aStatusUrlThatIsNotHttpIsRefusedNamingTheKey() {
    DashboardSettings packaged = DashboardSettings.load(ConfigSource.packaged(), Map.of());

    assertThatThrownBy(() -> packaged.withStatusUrls(List.of("streams:8080")))
        .hasMessageContaining("statusUrls")
        .hasMessageContaining("streams:8080");
  }
}
