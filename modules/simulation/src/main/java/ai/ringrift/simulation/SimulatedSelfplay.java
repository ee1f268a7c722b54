package ai.ringrift.simulation;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.files.GameFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated selfplay: plays a batch of seeded random games of one config and writes them as a real
 * game file ({@code <games_dir>/<run id>.games.jsonl}), as a selfplay worker would.
 *
 * <p>Parameters: {@code config}, {@code games_dir}, {@code games} (how many), {@code model_id}
 * (optional: the model that "played"). Result: {@code games_path}, {@code games}, {@code moves}.
 */
public final class SimulatedSelfplay implements Action {
  private final long seed;
  private final SimulationSettings.GameSettings settings;

  public SimulatedSelfplay(SimulationSettings settings) {
    this.seed = settings.seed();
    this.settings = settings.games();
  }

  @Override
  public ActionResult run(ActionRequest request) {
    long started = System.nanoTime();
    String config = request.require("config");
    ConfigKey key = ConfigKeys.parse(config);
    int count = request.requireInt("games");
    String modelId = request.optional("model_id", "");
    SplittableRandom random = Seeds.random(seed, config, request.runId());
    List<SimulatedGame> games = new ArrayList<>(count);
    long moves = 0;
    for (int i = 0; i < count; i++) {
      SimulatedGame game = play(request.runId() + "-" + i, config, key, modelId, random);
      moves += game.moves().length;
      games.add(game);
    }
    Path file = Path.of(request.require("games_dir")).resolve(request.runId() + GameFiles.SUFFIX);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    try {
      SimulatedGameFiles.write(file, games);
    } catch (IOException e) {
      return ActionResult.failed(
          FailureKind.IO_ERROR, "cannot write games to " + file + ": " + e, took);
    }
    return ActionResult.succeeded(
        ResultValues.of(Map.of("games_path", file.toString(), "games", count, "moves", moves)),
        took);
  }

  private SimulatedGame play(
      String id, String config, ConfigKey key, String modelId, SplittableRandom random) {
    int cells = Boards.cells(key.getBoard());
    int max = Math.min(settings.maxMoves(), cells);
    int min = Math.min(settings.minMoves(), max);
    int length = min + random.nextInt(max - min + 1);
    int[] board = new int[cells];
    for (int i = 0; i < cells; i++) {
      board[i] = i;
    }
    // a partial Fisher-Yates shuffle: the first `length` cells are distinct random moves
    for (int i = 0; i < length; i++) {
      int j = i + random.nextInt(cells - i);
      int t = board[i];
      board[i] = board[j];
      board[j] = t;
    }
    int players = key.getPlayers();
    int winner = random.nextDouble() < settings.drawRate() ? 0 : 1 + random.nextInt(players);
    return new SimulatedGame(
        id, config, modelId, players, java.util.Arrays.copyOf(board, length), winner);
  }
}
