package ai.ringrift.simulation;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.host.StagesFile;

/**
 * The simulated RingRift workload (section {@code simulation} of {@code config/stages.yaml}): used
 * by the embedded run and the tests in place of real selfplay, export, training and gauntlets,
 * never in place of the platform's own code. Every random choice is seeded.
 *
 * @param seed the seed every simulated random choice derives from (with the config and run id)
 * @param games how simulated games look
 * @param trainer how simulated training turns data into hidden strength
 * @param evaluator how simulated gauntlet games are decided
 * @param loop the pace of the embedded run's simulated cluster
 */
public record SimulationSettings(
    long seed,
    GameSettings games,
    TrainerSettings trainer,
    EvaluatorSettings evaluator,
    LoopSettings loop) {
  public SimulationSettings {
    Check.present("games", games);
    Check.present("trainer", trainer);
    Check.present("evaluator", evaluator);
    Check.present("loop", loop);
  }

  /** The {@code simulation} section of {@code stages.yaml} in {@code source}. */
  public static SimulationSettings load(ConfigSource source) {
    return StagesFile.section(source, "simulation", SimulationSettings.class);
  }

  /** A copy with another trainer (tests). */
  public SimulationSettings withTrainer(TrainerSettings changed) {
    return new SimulationSettings(seed, games, changed, evaluator, loop);
  }

  /** A copy with another loop pace. */
  public SimulationSettings withLoop(LoopSettings changed) {
    return new SimulationSettings(seed, games, trainer, evaluator, changed);
  }

  /**
   * The simulated cluster of the embedded run: selfplay hosts as directories, writing small batches
   * often, and the stages' thresholds scaled down to match, so that an iteration of the loop takes
   * seconds; the production defaults of {@code config/stages.yaml} stay the original's numbers.
   *
   * @param selfplayHosts simulated selfplay hosts ({@code selfplay-1} ...)
   * @param gamesPerBatch games in one batch of one config
   * @param batchIntervalMillis time between a host's batches
   * @param exportNewGames new games that make an export due (any player count)
   * @param exportBootstrapGames the same before a config's first export
   * @param exportCooldownSeconds least time between exports of a config
   * @param trainingMinSamples fewest samples a shard needs for training
   * @param trainingCooldownSeconds least time between trainings of a config
   * @param trainingEpochs epochs of a simulated training
   * @param modelStaggerMillis delay between selfplay hosts when a model is distributed
   * @param retryBackoffSeconds wait before a failed attempt's retry
   * @param orphanAfterSeconds wait before another instance's silent run counts as crashed
   */
  public record LoopSettings(
      int selfplayHosts,
      int gamesPerBatch,
      int batchIntervalMillis,
      int exportNewGames,
      int exportBootstrapGames,
      double exportCooldownSeconds,
      long trainingMinSamples,
      double trainingCooldownSeconds,
      int trainingEpochs,
      int modelStaggerMillis,
      double retryBackoffSeconds,
      double orphanAfterSeconds) {
    public LoopSettings {
      Check.between("selfplayHosts", selfplayHosts, 1, 64);
      Check.atLeast("gamesPerBatch", gamesPerBatch, 1);
      Check.atLeast("batchIntervalMillis", batchIntervalMillis, 10);
      Check.atLeast("exportNewGames", exportNewGames, 1);
      Check.atLeast("exportBootstrapGames", exportBootstrapGames, 1);
      Check.atLeast("exportCooldownSeconds", exportCooldownSeconds, 0.0);
      Check.atLeast("trainingMinSamples", trainingMinSamples, 1);
      Check.atLeast("trainingCooldownSeconds", trainingCooldownSeconds, 0.0);
      Check.atLeast("trainingEpochs", trainingEpochs, 1);
      Check.atLeast("modelStaggerMillis", modelStaggerMillis, 0);
      Check.atLeast("retryBackoffSeconds", retryBackoffSeconds, 0.0);
      Check.atLeast("orphanAfterSeconds", orphanAfterSeconds, 0.0);
    }
  }

  /**
   * @param minMoves fewest moves of a game
   * @param maxMoves most moves of a game (capped by the board's cells)
   * @param drawRate share of games that end in a draw
   */
  public record GameSettings(int minMoves, int maxMoves, double drawRate) {
    public GameSettings {
      Check.atLeast("minMoves", minMoves, 1);
      Check.atLeast("maxMoves", maxMoves, minMoves);
      Check.between("drawRate", drawRate, 0.0, 1.0);
    }
  }

  /**
   * @param initialElo hidden strength of a model trained from nothing (near the RANDOM baseline)
   * @param ceilingElo the strength training approaches but never passes
   * @param gainFraction the share of the gap to the ceiling one run closes on unlimited data
   * @param halfGainSamples samples at which a run closes half of {@code gainFraction}
   * @param noiseElo standard deviation of the strength change of one run
   * @param regressionProbability chance that a run makes the model weaker instead
   * @param regressionMinElo smallest strength loss of a regressing run
   * @param regressionMaxElo largest strength loss of a regressing run
   * @param modelBytes size of a model file (real ones: 40 to 174 MB), so transfers move bytes
   * @param epochMillis how long one simulated epoch takes (0 for tests; more to watch progress)
   */
  public record TrainerSettings(
      double initialElo,
      double ceilingElo,
      double gainFraction,
      long halfGainSamples,
      double noiseElo,
      double regressionProbability,
      double regressionMinElo,
      double regressionMaxElo,
      int modelBytes,
      int epochMillis) {
    public TrainerSettings {
      Check.atLeast("ceilingElo", ceilingElo, initialElo);
      Check.between("gainFraction", gainFraction, 0.0, 1.0);
      Check.atLeast("halfGainSamples", halfGainSamples, 1);
      Check.atLeast("noiseElo", noiseElo, 0.0);
      Check.between("regressionProbability", regressionProbability, 0.0, 1.0);
      Check.atLeast("regressionMinElo", regressionMinElo, 0.0);
      Check.atLeast("regressionMaxElo", regressionMaxElo, regressionMinElo);
      Check.atLeast("modelBytes", modelBytes, 0);
      Check.atLeast("epochMillis", epochMillis, 0);
    }
  }

  /**
   * @param drawRate chance that a game between equals is drawn (less between unequal players; at
   *     most 0.5 so that the expected score stays exactly the Elo logistic one)
   * @param baselines the fixed opponents of the gauntlet, with their Elo
   */
  public record EvaluatorSettings(double drawRate, java.util.List<Baseline> baselines) {
    public EvaluatorSettings {
      Check.between("drawRate", drawRate, 0.0, 0.5);
      baselines = Check.list(baselines);
      Check.that(!baselines.isEmpty(), "baselines", "must list at least one baseline");
      java.util.Set<String> names = new java.util.HashSet<>();
      for (Baseline b : baselines) {
        Check.that(names.add(b.name()), "baselines", "names baseline " + b.name() + " twice");
      }
    }
  }

  /**
   * A fixed opponent of the gauntlet.
   *
   * @param name e.g. RANDOM, HEURISTIC, MCTS_400
   * @param elo its rating
   */
  public record Baseline(String name, double elo) {
    public Baseline {
      Check.notBlank("name", name);
    }
  }
}
