package ai.ringrift.events.contract;

import ai.ringrift.events.Board;
import ai.ringrift.events.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical string form of a {@link ConfigKey}: {@code <board>_<players>p}, e.g. {@code
 * square8_2p}. It is the Kafka record key of every config-scoped event, so all events of one config
 * land on one partition, in order.
 */
public final class ConfigKeys {
  /** Lowest player count of a RingRift game. */
  public static final int MIN_PLAYERS = 2;

  /** Highest player count of a RingRift game. */
  public static final int MAX_PLAYERS = 4;

  private static final Pattern FORM = Pattern.compile("(square8|square19|hex8|hexagonal)_([234])p");

  private ConfigKeys() {}

  /** A validated key. */
  public static ConfigKey of(Board board, int players) {
    if (board == null) {
      throw new IllegalArgumentException("board is required");
    }
    if (players < MIN_PLAYERS || players > MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "players must be " + MIN_PLAYERS + " to " + MAX_PLAYERS + ", was " + players);
    }
    return new ConfigKey(board, players);
  }

  /** Parses {@code square8_2p}; rejects anything else with a message that shows the form. */
  public static ConfigKey parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a config key: expected <board>_<players>p with board one of"
              + " square8, square19, hex8, hexagonal and 2 to 4 players, e.g. square8_2p");
    }
    return new ConfigKey(
        Board.valueOf(m.group(1).toUpperCase(Locale.ROOT)), Integer.parseInt(m.group(2)));
  }

  /** True when {@code text} is a canonical config key. */
  public static boolean isValid(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  /** {@code square8_2p} for (SQUARE8, 2). */
  public static String format(ConfigKey key) {
    if (key.getPlayers() < MIN_PLAYERS || key.getPlayers() > MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "players must be " + MIN_PLAYERS + " to " + MAX_PLAYERS + ", was " + key.getPlayers());
    }
    return key.getBoard().name().toLowerCase(Locale.ROOT) + "_" + key.getPlayers() + "p";
  }

  /** All twelve configs: four boards by two to four players. */
  public static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>();
    for (Board board : Board.values()) {
      for (int players = MIN_PLAYERS; players <= MAX_PLAYERS; players++) {
        keys.add(new ConfigKey(board, players));
      }
    }
    return List.copyOf(keys);
  }
}
