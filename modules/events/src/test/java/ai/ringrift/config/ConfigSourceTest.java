package ai.ringrift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.catalog.TopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad config fails at start-up with a message that names the file and the key. */
class ConfigSourceTest {
  @TempDir Path dir;

  record Limits(int perHost, int total) {
    Limits {
      Check.atLeast("perHost", perHost, 1);
      Check.atLeast("total", total, perHost);
    }
  }

  record Settings(String name, Limits limits) {}

  @Test
  void bindsASectionToARecord() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 5, total: 12}\n");
    Settings s = ConfigSource.directory(dir).section("s.yaml", "bandwidth", Settings.class);
    assertThat(s).isEqualTo(new Settings("x", new Limits(5, 12)));
  }

  @Test
  void overridesReplaceSingleKeysAndAreValidatedLikeTheFile() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 5, total: 12}\n");
    ConfigSource base = ConfigSource.directory(dir);
    ConfigSource faster =
        base.withOverrides("s.yaml", java.util.Map.of("bandwidth.limits.total", 20));
    assertThat(faster.section("s.yaml", "bandwidth", Settings.class).limits())
        .isEqualTo(new Limits(5, 20));
    assertThat(base.section("s.yaml", "bandwidth", Settings.class).limits().total())
        .as("the base source is unchanged")
        .isEqualTo(12);
    assertThat(faster.overrides())
        .containsEntry("s.yaml", java.util.Map.of("bandwidth.limits.total", "20"));
    assertThatThrownBy(
            () ->
                base.withOverrides("s.yaml", java.util.Map.of("bandwidth.limits.perHost", 0))
                    .section("s.yaml", "bandwidth", Settings.class))
        .hasMessageContaining("bandwidth.limits.perHost: must be at least 1, was 0")
        .hasMessageContaining("overridden");
    assertThatThrownBy(
            () -> base.withOverrides("s.yaml", java.util.Map.of("bandwidth.limits.totl", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s.yaml: bandwidth.limits.totl: no such key to override");
  }

  @Test
  void overrideFilesFromTheEnvironmentApplyInOrderOnTopOfTheDirectory() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 5, total: 12}\n");
    Path deployment = dir.resolve("deployment.yaml");
    Path pace = dir.resolve("pace.yaml");
    Files.writeString(
        deployment, "s.yaml:\n  bandwidth.name: cluster\n  bandwidth.limits.total: 20\n");
    Files.writeString(pace, "s.yaml:\n  bandwidth.limits.total: 30\n");
    ConfigSource source =
        ConfigSource.discover(
            java.util.Map.of(
                ConfigSource.ENV_CONFIG_DIR,
                dir.toString(),
                ConfigSource.ENV_CONFIG_OVERRIDES,
                deployment + ", " + pace));
    assertThat(source.section("s.yaml", "bandwidth", Settings.class))
        .isEqualTo(new Settings("cluster", new Limits(5, 30)));
    assertThat(ConfigSource.discover(java.util.Map.of(ConfigSource.ENV_CONFIG_DIR, dir.toString())))
        .extracting(ConfigSource::overrides)
        .isEqualTo(java.util.Map.of());
  }

  @Test
  void aBadOverrideFileNamesItselfAndTheKey() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 5, total: 12}\n");
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "s.yaml:\n  bandwidth.limits.totl: 30\n");
    ConfigSource base = ConfigSource.directory(dir);
    assertThatThrownBy(() -> base.withOverrideFiles(typo.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("typo.yaml: ")
        .hasMessageContaining("bandwidth.limits.totl: no such key to override");
    Path flat = dir.resolve("flat.yaml");
    Files.writeString(flat, "s.yaml: 3\n");
    assertThatThrownBy(() -> base.withOverrideFiles(flat.toString()))
        .hasMessageContaining("flat.yaml: s.yaml: must map dotted keys to values");
    assertThatThrownBy(() -> base.withOverrideFiles(dir.resolve("missing.yaml").toString()))
        .hasMessageContaining("RINGRIFT_CONFIG_OVERRIDES")
        .hasMessageContaining("missing.yaml: cannot be read");
  }

  @Test
  void namesTheKeyOfAnOutOfRangeValue() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 0, total: 12}\n");
    assertThatThrownBy(
            () -> ConfigSource.directory(dir).section("s.yaml", "bandwidth", Settings.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s.yaml: bandwidth.limits.perHost: must be at least 1, was 0");
  }

  @Test
  void namesAnUnknownKey() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 1, total: 12, totl: 12}\n");
    assertThatThrownBy(
            () -> ConfigSource.directory(dir).section("s.yaml", "bandwidth", Settings.class))
        .hasMessageContaining("bandwidth.limits.totl: unknown key 'totl'");
  }

  @Test
  void namesAMissingRequiredKey() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: 1}\n");
    assertThatThrownBy(
            () -> ConfigSource.directory(dir).section("s.yaml", "bandwidth", Settings.class))
        .hasMessageContaining("bandwidth.limits.total: is required");
  }

  @Test
  void namesAValueOfTheWrongType() throws IOException {
    write("s.yaml", "bandwidth:\n  name: x\n  limits: {perHost: many, total: 3}\n");
    assertThatThrownBy(
            () -> ConfigSource.directory(dir).section("s.yaml", "bandwidth", Settings.class))
        .hasMessageContaining("bandwidth.limits.perHost: 'many' is not a valid int");
  }

  @Test
  void namesTheTopicEntryAtFault() throws IOException {
    String catalog = Files.readString(Path.of("../../config/topics.yaml"));
    write("topics.yaml", catalog.replace("ringrift.sync.failed", "ringrift.Sync.failed"));
    assertThatThrownBy(() -> TopicCatalog.load(ConfigSource.directory(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "topics[3] (ringrift.Sync.failed).name: 'ringrift.Sync.failed' does not follow");
  }

  @Test
  void namesASchemaThatWasNotGenerated() throws IOException {
    String catalog = Files.readString(Path.of("../../config/topics.yaml"));
    write("topics.yaml", catalog.replace("schema: DataSyncFailed", "schema: DataSyncFailure"));
    assertThatThrownBy(() -> TopicCatalog.load(ConfigSource.directory(dir)))
        .hasMessageContaining(
            "topics[3] (ringrift.sync.failed).schema: no record ai.ringrift.events.DataSyncFailure");
  }

  @Test
  void refusesAMissingDirectory() {
    assertThatThrownBy(() -> ConfigSource.directory(dir.resolve("nope")))
        .hasMessageContaining("does not exist");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }
}
