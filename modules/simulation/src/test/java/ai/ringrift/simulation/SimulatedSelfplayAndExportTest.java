package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.export.NpzExpectations;
import ai.ringrift.stages.export.NpzSummary;
import ai.ringrift.stages.export.NpzValidator;
import ai.ringrift.stages.files.GameFiles;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpyType;
import ai.ringrift.stages.npz.NpzReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated selfplay writes real game files; the simulated export turns them into a real NPZ. */
class SimulatedSelfplayAndExportTest {
  final SimulationSettings settings = Simulations.settings();
  final SimulatedSelfplay selfplay = new SimulatedSelfplay(settings);
  final SimulatedExport export = new SimulatedExport();

  @TempDir Path dir;

  ActionResult play(String runId, String config, int games) {
    return selfplay.run(
        ActionRequest.of(
            runId,
            Map.of(
                "config",
                config,
                "games_dir",
                dir.resolve("games").toString(),
                "games",
                String.valueOf(games),
                "model_id",
                "m0")));
  }

  ActionResult export(String config, String window) {
    return export.run(
        ActionRequest.of(
            "export-1",
            Map.of(
                "config",
                config,
                "games",
                dir.resolve("games").toString(),
                "npz",
                dir.resolve("npz/" + config + ".npz").toString(),
                "window_games",
                window)));
  }

  @Test
  void selfplayWritesAGameFileOfLegalGames() throws Exception {
    ActionResult result = play("selfplay-000001", "hex8_3p", 50);

    Path file = Path.of(result.values().text("games_path"));
    assertThat(file).hasFileName("selfplay-000001.games.jsonl");
    List<SimulatedGame> games = SimulatedGameFiles.read(List.of(file));
    assertThat(games).hasSize(50);
    for (SimulatedGame game : games) {
      assertThat(game.config()).isEqualTo("hex8_3p");
      assertThat(game.players()).isEqualTo(3);
      assertThat(game.moves().length).isBetween(20, 60);
      Set<Integer> cells = new HashSet<>();
      Arrays.stream(game.moves()).forEach(cells::add);
      assertThat(cells).hasSize(game.moves().length).allMatch(c -> c >= 0 && c < 61);
      assertThat(game.winner()).isBetween(0, 3);
    }
    assertThat(result.values().integer("moves"))
        .isEqualTo(games.stream().mapToLong(g -> g.moves().length).sum());
  }

  @Test
  void selfplayIsSeededByConfigAndRun() throws Exception {
    Path a = Path.of(play("run-a", "square8_2p", 5).values().text("games_path"));
    List<SimulatedGame> first = SimulatedGameFiles.read(List.of(a));
    Path again = Path.of(play("run-a", "square8_2p", 5).values().text("games_path"));
    Path b = Path.of(play("run-b", "square8_2p", 5).values().text("games_path"));

    assertThat(SimulatedGameFiles.read(List.of(again))).isEqualTo(first);
    assertThat(SimulatedGameFiles.read(List.of(b)).get(0).moves())
        .isNotEqualTo(first.get(0).moves());
  }

  @Test
  void exportWritesAnNpzThatValidatesWithOneSamplePerMove() throws Exception {
    long moves =
        play("batch-1", "square8_2p", 30).values().integer("moves")
            + play("batch-2", "square8_2p", 20).values().integer("moves");
    play("other", "hex8_2p", 10);

    ActionResult result = export("square8_2p", "");

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.values().integer("total_samples")).isEqualTo(moves);
    assertThat(result.values().integer("games_used")).isEqualTo(50);
    Path npz = Path.of(result.values().text("npz_path"));
    NpzSummary summary =
        new NpzValidator(new NpzExpectations(List.of("features", "policy", "values"), 1))
            .validate(npz);
    assertThat(summary.samples()).isEqualTo(moves);
    assertThat(summary.arrays().get("features"))
        .isEqualTo(NpyHeader.of(NpyType.FLOAT32, moves, 2, 64));
    assertThat(summary.arrays().get("policy")).isEqualTo(NpyHeader.of(NpyType.FLOAT32, moves, 64));
  }

  @Test
  void exportEncodesTheBoardBeforeEachMoveAndTheMoveAndTheOutcome() throws Exception {
    play("batch-1", "square8_2p", 1);
    SimulatedGame game = SimulatedGameFiles.read(GameFiles.list(dir.resolve("games"))).get(0);
    Path npz = Path.of(export("square8_2p", "").values().text("npz_path"));

    double[] features = NpzReader.readDoubles(npz, "features");
    double[] policy = NpzReader.readDoubles(npz, "policy");
    double[] values = NpzReader.readDoubles(npz, "values");
    int first = game.moves()[0];
    int second = game.moves()[1];
    assertThat(Arrays.stream(features, 0, 128).sum()).as("empty board before move 1").isZero();
    // before move 2 (player 2 to move) the first move is the opponent's: channel 1
    assertThat(features[128 + 64 + first]).isEqualTo(1.0);
    assertThat(Arrays.stream(features, 128, 256).sum()).isEqualTo(1.0);
    // before move 3 (player 1 to move) the first move is the mover's own
    assertThat(features[256 + first]).isEqualTo(1.0);
    assertThat(features[256 + 64 + second]).isEqualTo(1.0);
    assertThat(policy[first]).isEqualTo(1.0);
    assertThat(Arrays.stream(policy, 0, 64).sum()).isEqualTo(1.0);
    double expected = game.winner() == 0 ? 0 : game.winner() == 1 ? 1 : -1;
    assertThat(values[0]).isEqualTo(expected);
    assertThat(values[1]).isEqualTo(-expected);
  }

  @Test
  void exportKeepsOnlyTheNewestGamesOfItsWindow() throws Exception {
    play("batch-1", "square8_2p", 30);
    play("batch-2", "square8_2p", 30);

    ActionResult result = export("square8_2p", "40");

    assertThat(result.values().integer("games_used")).isEqualTo(40);
  }

  @Test
  void exportFailsWithoutGames() {
    ActionResult result = export("square8_2p", "");

    assertThat(result.failure()).contains(FailureKind.BAD_INPUT);
    assertThat(result.reason()).startsWith("no games of square8_2p under");
  }

  @Test
  void exportNamesTheFileAndLineOfAMalformedGame() throws Exception {
    play("batch-1", "square8_2p", 2);
    Files.writeString(
        dir.resolve("games/broken.games.jsonl"), "{\"game_id\": \"x\", \"moves\": [1, \"b\"]}\n");

    ActionResult result = export("square8_2p", "");

    assertThat(result.failure()).contains(FailureKind.BAD_INPUT);
    assertThat(result.reason())
        .isEqualTo("malformed game file: broken.games.jsonl line 1: move 1 is not a cell index");
  }

  @Test
  void exportIgnoresRsyncPartialsAndTemporaries() throws Exception {
    play("batch-1", "square8_2p", 3);
    Files.createDirectories(dir.resolve("games/.rsync-partial"));
    Files.writeString(
        dir.resolve("games/.rsync-partial/half.games.jsonl"), "{\"game_id\": \"trunc");

    assertThat(export("square8_2p", "").succeeded()).isTrue();
  }
}
