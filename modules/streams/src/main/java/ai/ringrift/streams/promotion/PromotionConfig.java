package ai.ringrift.streams.promotion;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The promotion gates, the head-to-head rules, the rollback rule and the registry's limits, from
 * {@code config/promotion.yaml} (section {@code promotion}); the file's comments say what each one
 * does.
 */
public record PromotionConfig(
    Baselines baselines,
    Map<Integer, Integer> minGamesPerBaseline,
    Map<String, WinRateFloor> winRateFloors,
    long cooldownSeconds,
    EloGain eloGain,
    double eloStart,
    HeadToHead headToHead,
    Rollback rollback,
    Registry registry) {
  /** The file. */
  public static final String FILE = "promotion.yaml";

  /** The file's section. */
  public static final String SECTION = "promotion";

  public PromotionConfig {
    Check.present("baselines", baselines);
    minGamesPerBaseline = Check.map(minGamesPerBaseline);
    for (int players = ConfigKeys.MIN_PLAYERS; players <= ConfigKeys.MAX_PLAYERS; players++) {
      Integer games = minGamesPerBaseline.get(players);
      Check.that(games != null && games >= 1, "minGamesPerBaseline." + players, "must be >= 1");
    }
    winRateFloors = Check.map(winRateFloors);
    for (String key : winRateFloors.keySet()) {
      Check.that(ConfigKeys.isValid(key), "winRateFloors." + key, "is not a config key");
    }
    for (ConfigKey config : ConfigKeys.all()) {
      String key = ConfigKeys.format(config);
      Check.present("winRateFloors." + key, winRateFloors.get(key));
    }
    Check.atLeast("cooldownSeconds", cooldownSeconds, 0L);
    Check.present("eloGain", eloGain);
    Check.present("headToHead", headToHead);
    Check.present("rollback", rollback);
    Check.present("registry", registry);
  }

  /** Loads and validates the file. */
  public static PromotionConfig load(ConfigSource source) {
    return source.section(FILE, SECTION, PromotionConfig.class);
  }

  /** Games needed against each required baseline for {@code config}. */
  public int minGamesPerBaseline(ConfigKey config) {
    return minGamesPerBaseline.get(config.getPlayers());
  }

  /** The win-rate floors of {@code config}. */
  public WinRateFloor floorOf(ConfigKey config) {
    return winRateFloors.get(ConfigKeys.format(config));
  }

  /** Minimum time between two promotions of a config. */
  public Duration cooldown() {
    return Duration.ofSeconds(cooldownSeconds);
  }

  /** Baseline names, as in {@code BaselineResult.baseline}. */
  public record Baselines(String random, String heuristic) {
    public Baselines {
      Check.notBlank("baselines.random", random);
      Check.notBlank("baselines.heuristic", heuristic);
    }
  }

  /** Win-rate floors of one config. */
  public record WinRateFloor(double random, double heuristic) {
    public WinRateFloor {
      Check.between("random", random, 0.0, 1.0);
      Check.between("heuristic", heuristic, 0.0, 1.0);
    }
  }

  /** Elo gain needed over the production model (over the start Elo while there is none). */
  public record EloGain(double min, double bootstrapMin) {}

  /** The head-to-head gate. */
  public record HeadToHead(boolean required, Rule rule, Threshold threshold, Sprt sprt) {
    public HeadToHead {
      Check.present("headToHead.rule", rule);
      Check.present("headToHead.threshold", threshold);
      Check.present("headToHead.sprt", sprt);
    }
  }

  /** How the head-to-head result is judged. */
  public enum Rule {
    /** The original: enough games and a win rate that depends on the champion's Elo. */
    THRESHOLD,
    /** Leela Zero's sequential probability ratio test. */
    SPRT
  }

  /** The original's head-to-head rule. */
  public record Threshold(int games, List<Band> bands, double otherwiseWinRate) {
    public Threshold {
      Check.atLeast("headToHead.threshold.games", games, 1);
      bands = Check.list(bands);
      Check.between("headToHead.threshold.otherwiseWinRate", otherwiseWinRate, 0.0, 1.0);
      for (int i = 1; i < bands.size(); i++) {
        Check.that(
            bands.get(i).championEloBelow() > bands.get(i - 1).championEloBelow(),
            "headToHead.threshold.bands",
            "championEloBelow must increase from band to band");
      }
    }

    /** The win rate needed against a champion of {@code championElo}. */
    public double winRateNeeded(double championElo) {
      for (Band band : bands) {
        if (championElo < band.championEloBelow()) {
          return band.winRate();
        }
      }
      return otherwiseWinRate;
    }
  }

  /** A band of champion Elo and the win rate needed against it. */
  public record Band(double championEloBelow, double winRate) {
    public Band {
      Check.between("winRate", winRate, 0.0, 1.0);
    }
  }

  /** Leela Zero's SPRT. */
  public record Sprt(
      double elo0,
      double elo1,
      double alpha,
      double beta,
      int minGamesToPass,
      int maxGames,
      double capPassWinRate) {
    public Sprt {
      Check.that(elo1 > elo0, "headToHead.sprt.elo1", "must be above elo0");
      Check.that(alpha > 0 && alpha < 0.5, "headToHead.sprt.alpha", "must be in (0, 0.5)");
      Check.that(beta > 0 && beta < 0.5, "headToHead.sprt.beta", "must be in (0, 0.5)");
      Check.atLeast("headToHead.sprt.minGamesToPass", minGamesToPass, 0);
      Check.atLeast("headToHead.sprt.maxGames", maxGames, minGamesToPass + 1);
      Check.between("headToHead.sprt.capPassWinRate", capPassWinRate, 0.0, 1.0);
    }
  }

  /** When the production model is rolled back after a re-evaluation. */
  public record Rollback(double eloDrop, double winRateDrop, int minGames) {
    public Rollback {
      Check.that(eloDrop > 0, "rollback.eloDrop", "must be positive");
      Check.between("rollback.winRateDrop", winRateDrop, 0.0, 1.0);
      Check.atLeast("rollback.minGames", minGames, 1);
    }
  }

  /** Registry limits. */
  public record Registry(int maxVersions) {
    public Registry {
      Check.atLeast("registry.maxVersions", maxVersions, 2);
    }
  }
}
