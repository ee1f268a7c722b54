package ai.ringrift.client.publish;

import ai.ringrift.events.Board;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;

/**
 * The twelve config keys ({@code square8_2p}, ...) formatted once: every config-keyed publish needs
 * one, and formatting it anew (lower-casing the board's name) cost as much as a tenth of a publish.
 */
final class ConfigKeyCache {
  private static final String[][] KEYS = table();

  private ConfigKeyCache() {}

  /** {@link ConfigKeys#format} of {@code key}, from the table when it is a valid key. */
  static String format(ConfigKey key) {
    int players = key.getPlayers();
    if (key.getBoard() == null
        || players < ConfigKeys.MIN_PLAYERS
        || players > ConfigKeys.MAX_PLAYERS) {
      return ConfigKeys.format(key); // fails with the usual message
    }
    return KEYS[key.getBoard().ordinal()][players];
  }

  private static String[][] table() {
    String[][] keys = new String[Board.values().length][ConfigKeys.MAX_PLAYERS + 1];
    for (Board board : Board.values()) {
      for (int players = ConfigKeys.MIN_PLAYERS; players <= ConfigKeys.MAX_PLAYERS; players++) {
        keys[board.ordinal()][players] = ConfigKeys.format(ConfigKeys.of(board, players));
      }
    }
    return keys;
  }
}
