package ai.ringrift.stages.export;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * When an export is due (pure): enough new games for the config's player count (fewer before its
 * first export, to bootstrap), and not within the cooldown after the last one.
 */
public final class ExportAction {
  /** The placeholders an export command may use. */
  public static final Set<String> PLACEHOLDERS =
      Set.of("config", "games", "npz", "window_games", "run_id");

  /** The answer. */
  public enum Verdict {
    /** Export now. */
    DUE,
    /** Enough games, but within the cooldown: ask again at {@link Decision#notBefore()}. */
    COOLING_DOWN,
    /** Not enough new games. */
    NOT_DUE
  }

  /**
   * @param verdict what to do
   * @param reason why, for logs
   * @param notBefore when the cooldown ends (for COOLING_DOWN)
   */
  public record Decision(Verdict verdict, String reason, Instant notBefore) {}

  private final ExportConfig config;

  public ExportAction(ExportConfig config) {
    this.config = config;
  }

  /**
   * @param players the config's player count
   * @param newGames games not in any export yet
   * @param lastExport when the config's last export finished, or null before its first
   * @param now the time
   */
  public Decision decide(int players, int newGames, Instant lastExport, Instant now) {
    boolean bootstrap = lastExport == null;
    int threshold = (bootstrap ? config.bootstrapNewGames() : config.minNewGames()).get(players);
    if (newGames < threshold) {
      return new Decision(
          Verdict.NOT_DUE,
          newGames + " new games, fewer than " + threshold + (bootstrap ? " (bootstrap)" : ""),
          null);
    }
    if (!bootstrap) {
      Instant ends = lastExport.plus(config.cooldown());
      if (now.isBefore(ends)) {
        return new Decision(Verdict.COOLING_DOWN, "cooldown until " + ends, ends);
      }
    }
    return new Decision(Verdict.DUE, newGames + " new games, at least " + threshold, null);
  }

  /** The action's parameters for one run. */
  public Map<String, String> parameters(String config, String games, String npz, String runId) {
    return Map.of(
        "config", config,
        "games", games,
        "npz", npz,
        "window_games", Integer.toString(this.config.windowGames()),
        "run_id", runId);
  }
}
