package ai.ringrift.simulation;

import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.files.AtomicFiles;
import ai.ringrift.stages.files.GameFiles;
import ai.ringrift.stages.npz.NpyArrayWriter;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpyType;
import ai.ringrift.stages.npz.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Simulated export: turns the game files of a config into a real training shard, an {@code .npz}
 * with one sample per move: {@code features} (samples, 2, cells) float32 — the cells of the player
 * to move and of the others before the move; {@code policy} (samples, cells) float32 — the move
 * played, one-hot; {@code values} (samples,) float32 — +1 if the mover won, -1 if lost, 0 for a
 * draw. Streams the arrays out, so memory holds the games, not the shard.
 *
 * <p>Parameters: {@code config}, {@code games} (directory, searched recursively), {@code npz}
 * (output file), {@code window_games} (optional: only the newest N games). Result: {@code
 * npz_path}, {@code total_samples}, {@code games_used}.
 */
public final class SimulatedExport implements Action {
  @Override
  public ActionResult run(ActionRequest request) {
    long started = System.nanoTime();
    String config = request.require("config");
    int cells = Boards.cells(ConfigKeys.parse(config).getBoard());
    Path gamesDir = Path.of(request.require("games"));
    Path npz = Path.of(request.require("npz"));
    int window = request.optionalInt("window_games", 0);
    List<SimulatedGame> games;
    try {
      games =
          SimulatedGameFiles.read(GameFiles.list(gamesDir)).stream()
              .filter(g -> g.config().equals(config))
              .toList();
    } catch (IllegalArgumentException e) {
      return ActionResult.failed(
          FailureKind.BAD_INPUT, "malformed game file: " + e.getMessage(), since(started));
    } catch (IOException e) {
      return ActionResult.failed(
          FailureKind.IO_ERROR, "cannot read games under " + gamesDir + ": " + e, since(started));
    }
    if (window > 0 && games.size() > window) {
      games = games.subList(games.size() - window, games.size());
    }
    if (games.isEmpty()) {
      return ActionResult.failed(
          FailureKind.BAD_INPUT, "no games of " + config + " under " + gamesDir, since(started));
    }
    for (SimulatedGame game : games) {
      for (int cell : game.moves()) {
        if (cell < 0 || cell >= cells) {
          return ActionResult.failed(
              FailureKind.BAD_INPUT,
              "game " + game.gameId() + " plays cell " + cell + " of a " + cells + "-cell board",
              since(started));
        }
      }
    }
    long samples = games.stream().mapToLong(g -> g.moves().length).sum();
    List<SimulatedGame> chosen = games;
    try {
      AtomicFiles.write(
          npz,
          out -> {
            try (NpzWriter writer = new NpzWriter(out)) {
              writeFeatures(writer, chosen, samples, cells);
              writePolicy(writer, chosen, samples, cells);
              writeValues(writer, chosen, samples);
            }
          });
    } catch (IOException e) {
      return ActionResult.failed(
          FailureKind.IO_ERROR, "cannot write " + npz + ": " + e, since(started));
    }
    return ActionResult.succeeded(
        ResultValues.of(
            Map.of(
                "npz_path", npz.toString(), "total_samples", samples, "games_used", games.size())),
        since(started));
  }

  private static void writeFeatures(
      NpzWriter writer, List<SimulatedGame> games, long samples, int cells) throws IOException {
    try (NpyArrayWriter features =
        writer.array("features", NpyHeader.of(NpyType.FLOAT32, samples, 2, cells))) {
      int[] owner = new int[cells];
      for (SimulatedGame game : games) {
        java.util.Arrays.fill(owner, 0);
        for (int m = 0; m < game.moves().length; m++) {
          int mover = game.mover(m);
          for (int c = 0; c < cells; c++) {
            features.putFloat(owner[c] == mover ? 1f : 0f);
          }
          for (int c = 0; c < cells; c++) {
            features.putFloat(owner[c] != 0 && owner[c] != mover ? 1f : 0f);
          }
          owner[game.moves()[m]] = mover;
        }
      }
    }
  }

  private static void writePolicy(
      NpzWriter writer, List<SimulatedGame> games, long samples, int cells) throws IOException {
    try (NpyArrayWriter policy =
        writer.array("policy", NpyHeader.of(NpyType.FLOAT32, samples, cells))) {
      for (SimulatedGame game : games) {
        for (int move : game.moves()) {
          for (int c = 0; c < cells; c++) {
            policy.putFloat(c == move ? 1f : 0f);
          }
        }
      }
    }
  }

  private static void writeValues(NpzWriter writer, List<SimulatedGame> games, long samples)
      throws IOException {
    try (NpyArrayWriter values = writer.array("values", NpyHeader.of(NpyType.FLOAT32, samples))) {
      for (SimulatedGame game : games) {
        for (int m = 0; m < game.moves().length; m++) {
          values.putFloat(game.winner() == 0 ? 0f : game.winner() == game.mover(m) ? 1f : -1f);
        }
      }
    }
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
