package ai.ringrift.stages.export;

import ai.ringrift.config.Check;
import ai.ringrift.stages.action.ActionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The export stage (section {@code export} of {@code config/stages.yaml}).
 *
 * @param action what exports (a command, or the simulated export)
 * @param validation what a valid shard holds, checked before it is announced
 * @param minNewGames new games since the last export that make a new one due, by player count (the
 *     original's 50 / 75 / 100)
 * @param bootstrapNewGames the same before a config's first export (20 / 30 / 40)
 * @param cooldownSeconds the least time between two exports of a config (60)
 * @param windowGames the newest games an export uses; 0 for all
 */
public record ExportConfig(
    ActionSpec action,
    NpzExpectations validation,
    Map<Integer, Integer> minNewGames,
    Map<Integer, Integer> bootstrapNewGames,
    double cooldownSeconds,
    int windowGames) {
  public ExportConfig {
    Check.present("action", action);
    Check.present("validation", validation);
    minNewGames = byPlayers("minNewGames", minNewGames);
    bootstrapNewGames = byPlayers("bootstrapNewGames", bootstrapNewGames);
    Check.atLeast("cooldownSeconds", cooldownSeconds, 0.0);
    Check.atLeast("windowGames", windowGames, 0);
  }

  /** A map with an entry of at least 1 for 2, 3 and 4 players. */
  static Map<Integer, Integer> byPlayers(String key, Map<Integer, Integer> values) {
    Map<Integer, Integer> map = new TreeMap<>(Check.map(values));
    for (int players = 2; players <= 4; players++) {
      Integer value = map.get(players);
      Check.that(
          value != null, key + "." + players, "is required (one value per player count 2, 3, 4)");
      Check.atLeast(key + "." + players, value, 1);
    }
    return Map.copyOf(map);
  }

  public Duration cooldown() {
    return Duration.ofNanos(Math.round(cooldownSeconds * 1e9));
  }

  /** A copy with other thresholds (the simulated loop's small batches). */
  public ExportConfig withThresholds(int newGames, int bootstrapGames, double cooldown) {
    return new ExportConfig(
        action,
        validation,
        Map.of(2, newGames, 3, newGames, 4, newGames),
        Map.of(2, bootstrapGames, 3, bootstrapGames, 4, bootstrapGames),
        cooldown,
        windowGames);
  }

  /** A copy that runs {@code changed} (the simulated cluster runs the simulated workload). */
  public ExportConfig withAction(ActionSpec changed) {
    return new ExportConfig(
        changed, validation, minNewGames, bootstrapNewGames, cooldownSeconds, windowGames);
  }
}
