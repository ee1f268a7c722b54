package ai.ringrift.admin.up;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the loop did for one config since the embedded run started.
 *
 * @param config the config key, e.g. {@code square8_2p}
 * @param games selfplay games completed
 * @param syncs data syncs completed (games to the training host, models to selfplay hosts)
 * @param exports NPZ exports completed
 * @param trainings models trained
 * @param evaluations gauntlets completed
 * @param promoted models promoted
 * @param rejected rejected candidates by the gate that rejected them
 * @param rolledBack rollbacks of the production model
 * @param breakerChanges circuit-breaker transitions of the config's stages
 * @param failures failed stage runs (sync, export, training, evaluation) and pipeline failures
 * @param eloStart Elo of the production model when the first promotion of the run replaced it
 * @param eloEnd Elo of the production model now
 */
public record ConfigProgress(
    String config,
    long games,
    int syncs,
    int exports,
    int trainings,
    int evaluations,
    int promoted,
    Map<String, Integer> rejected,
    int rolledBack,
    int breakerChanges,
    int failures,
    OptionalDouble eloStart,
    OptionalDouble eloEnd) {
  public ConfigProgress {
    Objects.requireNonNull(config, "config");
    rejected = Map.copyOf(rejected);
  }

  /** Promotion decisions: each evaluated candidate ends promoted or rejected. */
  public int decisions() {
    return promoted + rejectedCount();
  }

  /** Candidates rejected, over all gates. */
  public int rejectedCount() {
    return rejected.values().stream().mapToInt(Integer::intValue).sum();
  }
}
