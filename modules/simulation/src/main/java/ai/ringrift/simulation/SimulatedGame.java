package ai.ringrift.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * One simulated game, stored as one JSON line: {@code {"game_id": "...", "config": "square8_2p",
 * "model_id": "...", "players": 2, "moves": [12, 40, ...], "winner": 1}}. Moves are cell indices
 * played in turn by players 1..n; winner 0 is a draw.
 *
 * @param gameId unique id
 * @param config config key, e.g. {@code square8_2p}
 * @param modelId the model that played, or empty before the first model
 * @param players number of players
 * @param moves the cells played, in order, each cell at most once
 * @param winner the winning player (1..players) or 0 for a draw
 */
public record SimulatedGame(
    String gameId, String config, String modelId, int players, int[] moves, int winner) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SimulatedGame {
    moves = moves.clone();
    if (players < 2 || winner < 0 || winner > players) {
      throw new IllegalArgumentException(
          "game " + gameId + ": winner " + winner + " of " + players + " players");
    }
  }

  /** The player (1..n) who makes move {@code index}. */
  public int mover(int index) {
    return index % players + 1;
  }

  /** The game as one JSON line (without the newline). */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("game_id", gameId).put("config", config).put("model_id", modelId);
    node.put("players", players);
    ArrayNode array = node.putArray("moves");
    Arrays.stream(moves).forEach(array::add);
    node.put("winner", winner);
    return node.toString();
  }

  /** Parses one line; a malformed one is an {@link IllegalArgumentException} saying why. */
  public static SimulatedGame parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      JsonNode moves = node.get("moves");
      if (moves == null || !moves.isArray()) {
        throw new IllegalArgumentException("no moves array");
      }
      int[] cells = new int[moves.size()];
      for (int i = 0; i < cells.length; i++) {
        if (!moves.get(i).isInt()) {
          throw new IllegalArgumentException("move " + i + " is not a cell index");
        }
        cells[i] = moves.get(i).intValue();
      }
      return new SimulatedGame(
          text(node, "game_id"),
          text(node, "config"),
          node.path("model_id").asText(""),
          node.path("players").asInt(0),
          cells,
          node.path("winner").asInt(-1));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value.textValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimulatedGame g
        && gameId.equals(g.gameId)
        && config.equals(g.config)
        && modelId.equals(g.modelId)
        && players == g.players
        && Arrays.equals(moves, g.moves)
        && winner == g.winner;
  }

  @Override
  public int hashCode() {
    return gameId.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
