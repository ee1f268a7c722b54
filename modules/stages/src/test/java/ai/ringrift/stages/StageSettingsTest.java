package ai.ringrift.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.promotion.PromotionStageSettings;
import ai.ringrift.stages.sync.SyncConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageSettingsTest {
  static final Path CONFIG = Path.of("../../config");

  @Test
  void theRepositoryFileLoadsEverySection() {
    StageSettings settings = StageSettings.load(ConfigSource.directory(CONFIG));

    assertThat(settings.runs().maxAttempts()).isEqualTo(3);
    assertThat(settings.export().minNewGames()).containsEntry(2, 50).containsEntry(4, 100);
    assertThat(settings.evaluation().gamesPerBaseline()).containsEntry(3, 70);
  }

  @Test
  void aStageSectionIsFoundByItsRecordType() {
    StageSettings settings = StageSettings.load(ConfigSource.directory(CONFIG));

    assertThat(settings.section(SyncConfig.class)).isSameAs(settings.sync());
    assertThat(settings.section(PromotionStageSettings.class)).isSameAs(settings.promotion());
    assertThatThrownBy(() -> settings.section(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no section of type String");
  }

  @Test
  void theShippedActionsAreExternalCommandsNotTheSimulation() {
    StageSettings settings = StageSettings.load(ConfigSource.directory(CONFIG));

    for (ActionSpec action :
        java.util.List.of(
            settings.export().action(),
            settings.training().action(),
            settings.evaluation().action())) {
      assertThat(action.kind()).isEqualTo(ActionKind.COMMAND);
      assertThat(action.command().template()).startsWith("python -m app.training.");
    }
  }

  @Test
  void aBadValueNamesItsFileSectionAndKey(@TempDir Path dir) throws IOException {
    try (var files = Files.list(CONFIG)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    Path stages = dir.resolve("stages.yaml");
    Files.writeString(stages, Files.readString(stages).replace("maxAttempts: 3", "maxAttempts: 0"));

    assertThatThrownBy(() -> StageSettings.load(ConfigSource.directory(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stages.yaml")
        .hasMessageContaining("maxAttempts");
  }

  @Test
  void syncCopiesWithRsyncUnlessATransferActionIsConfigured() {
    ConfigSource repo = ConfigSource.directory(CONFIG);

    assertThat(StageSettings.load(repo).sync().transferAction(Actions.none()))
        .isInstanceOf(ai.ringrift.stages.action.rsync.RsyncAction.class);
    SyncConfig withTransfer =
        StageSettings.load(repo)
            .sync()
            .withTransfer(new ActionSpec(ActionKind.PLUGIN, null, "echo"));
    assertThat(withTransfer.transferAction(Actions.fromClasspath(repo)))
        .isNotInstanceOf(ai.ringrift.stages.action.rsync.RsyncAction.class);
    assertThat(
            withTransfer.withHosts(java.util.List.of(), java.util.List.of(), 0).transfer().plugin())
        .isEqualTo("echo");
  }
}
