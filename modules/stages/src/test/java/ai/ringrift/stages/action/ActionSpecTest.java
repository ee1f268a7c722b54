package ai.ringrift.stages.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.action.command.CommandAction;
import ai.ringrift.stages.action.rsync.RsyncSpec;
import ai.ringrift.stages.export.NpzExpectations;
import ai.ringrift.stages.host.Actions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's config/stages.yaml binds to the action records, and bad values name the key. */
class ActionSpecTest {
  static final ConfigSource REPO = ConfigSource.directory(Path.of("../../config"));

  /** The action of a stage section, whatever else the section holds. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record StageSection(ActionSpec action, NpzExpectations validation) {}

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record SyncSection(RsyncSpec rsync) {}

  @TempDir Path dir;

  @Test
  void theRepositoryConfigBinds() {
    StageSection export = REPO.section("stages.yaml", "export", StageSection.class);
    assertThat(export.action().kind()).isEqualTo(ActionKind.COMMAND);
    assertThat(export.validation().requiredArrays())
        .containsExactly("features", "policy", "values");
    assertThat(
            REPO.section("stages.yaml", "training", StageSection.class)
                .action()
                .command()
                .timeoutSeconds())
        .isEqualTo(86_400);
    assertThat(REPO.section("stages.yaml", "evaluation", StageSection.class).action()).isNotNull();
    assertThat(REPO.section("stages.yaml", "sync", SyncSection.class).rsync().timeoutSeconds())
        .isEqualTo(1800);
  }

  @Test
  void everyCommandTemplateUsesOnlyItsStagesPlaceholders() {
    Set<String> export = Set.of("config", "games", "npz", "window_games", "run_id");
    Set<String> training =
        Set.of(
            "config", "npz", "model", "model_id", "base_model", "epochs", "batch_size", "run_id");
    Set<String> evaluation =
        Set.of(
            "config",
            "model_id",
            "candidate",
            "champion",
            "champion_model_id",
            "champion_elo",
            "games_per_baseline",
            "head_to_head_games",
            "run_id");
    for (var stage :
        java.util.Map.of("export", export, "training", training, "evaluation", evaluation)
            .entrySet()) {
      ActionSpec spec = REPO.section("stages.yaml", stage.getKey(), StageSection.class).action();
      ActionSpec asCommand = new ActionSpec(ActionKind.COMMAND, spec.command());
      assertThat(Actions.none().create(stage.getKey() + ".action", asCommand, stage.getValue()))
          .isInstanceOf(CommandAction.class);
    }
  }

  @Test
  void runsThePluggedInSimulationForSimulationKind() {
    ActionSpec spec = new ActionSpec(ActionKind.SIMULATION, null);
    Action simulated =
        request -> ActionResult.failed(FailureKind.IO_ERROR, "simulated", java.time.Duration.ZERO);
    ActionPlugin simulation =
        new ActionPlugin() {
          @Override
          public String name() {
            return Actions.SIMULATION;
          }

          @Override
          public Action create(String key, Set<String> placeholders) {
            return simulated;
          }
        };

    assertThat(Actions.none().with(simulation).create("export.action", spec, Set.of()))
        .isSameAs(simulated);
  }

  @Test
  void aSimulationKindWithoutTheSimulationNamesTheKey() {
    ActionSpec spec = new ActionSpec(ActionKind.SIMULATION, null);

    assertThatThrownBy(() -> Actions.none().create("export.action", spec, Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "export.action.kind: SIMULATION needs the simulated workload (module simulation) on the"
                + " classpath (action plugins found: none)");
  }

  @Test
  void aCommandKindNeedsACommand() throws IOException {
    Files.writeString(dir.resolve("stages.yaml"), "export:\n  action: {kind: COMMAND}\n");

    assertThatThrownBy(
            () -> ConfigSource.directory(dir).section("stages.yaml", "export", StageSection.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "stages.yaml: export.action.command: is required when kind is COMMAND");
  }

  @Test
  void namesAnUnknownPlaceholderWithItsKey() throws IOException {
    Files.writeString(
        dir.resolve("stages.yaml"),
        "training:\n  action:\n    kind: COMMAND\n    command: {template: 'train {npz} {gpu}', timeoutSeconds: 10}\n");
    ActionSpec spec =
        ConfigSource.directory(dir).section("stages.yaml", "training", StageSection.class).action();

    assertThatThrownBy(() -> Actions.none().create("training.action", spec, Set.of("npz")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "training.action.command.template: unknown placeholder {gpu} in '{gpu}'; this stage provides [npz]");
  }

  @Test
  void aPluginKindNeedsThePluginsName() throws IOException {
    Files.writeString(dir.resolve("stages.yaml"), "export:\n  action: {kind: PLUGIN}\n");

    assertThatThrownBy(
            () -> ConfigSource.directory(dir).section("stages.yaml", "export", StageSection.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stages.yaml: export.action.plugin: is required when kind is PLUGIN");
  }

  @Test
  void createsThePluginsActionForPluginKind() throws IOException, InterruptedException {
    Files.writeString(
        dir.resolve("stages.yaml"), "export:\n  action: {kind: PLUGIN, plugin: echo}\n");
    ActionSpec spec =
        ConfigSource.directory(dir).section("stages.yaml", "export", StageSection.class).action();

    Action action =
        Actions.fromClasspath(ConfigSource.directory(dir))
            .create("export.action", spec, Set.of("config"));

    assertThat(action.run(ActionRequest.of("r1", java.util.Map.of("config", "hex8_2p"))).values())
        .isEqualTo(EchoPlugin.values("export.action", "hex8_2p"));
  }

  @Test
  void namesAnUnknownPluginAndTheKnownOnes() {
    ActionSpec spec = new ActionSpec(ActionKind.PLUGIN, null, "instant");

    assertThatThrownBy(
            () -> Actions.none().with(new EchoPlugin()).create("training.action", spec, Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "training.action.plugin: no action plugin named 'instant' on the classpath (found: echo)");
  }

  @Test
  void aPluginWithoutAnActionForTheKeyNamesTheKey() {
    ActionSpec spec = new ActionSpec(ActionKind.PLUGIN, null, "echo");

    assertThatThrownBy(
            () -> Actions.none().with(new EchoPlugin()).create("promotion.action", spec, Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("promotion.action.plugin: echo has no action for promotion.action");
  }
}
