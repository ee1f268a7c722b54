package ai.ringrift.admin.up;

import ai.ringrift.admin.cli.Table;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The embedded run's progress table and final summary, as text. */
public final class LoopReport {
  private LoopReport() {}

  /** One progress table: what every config did so far. */
  public static String progress(List<ConfigProgress> configs, Duration elapsed) {
    Table table =
        Table.of(
            "config",
            "games",
            "syncs",
            "exports",
            "trained",
            "evaluated",
            "promoted",
            "rejected",
            "rolled back",
            "breaker changes",
            "failures",
            "Elo");
    for (ConfigProgress c : configs) {
      table.row(
          c.config(),
          c.games(),
          c.syncs(),
          c.exports(),
          c.trainings(),
          c.evaluations(),
          c.promoted(),
          c.rejectedCount(),
          c.rolledBack(),
          c.breakerChanges(),
          c.failures(),
          elo(c));
    }
    return "progress after " + duration(elapsed) + ":\n" + table.render();
  }

  /** The summary printed when the run ends: per config, what was trained and decided. */
  public static String summary(List<ConfigProgress> configs, Duration elapsed) {
    Table table =
        Table.of(
            "config",
            "games",
            "models trained",
            "promoted",
            "rejected (by gate)",
            "rolled back",
            "Elo start -> end");
    int promoted = 0;
    int rejected = 0;
    for (ConfigProgress c : configs) {
      table.row(
          c.config(), c.games(), c.trainings(), c.promoted(), rejected(c), c.rolledBack(), elo(c));
      promoted += c.promoted();
      rejected += c.rejectedCount();
    }
    return "summary after "
        + duration(elapsed)
        + ": "
        + promoted
        + " promoted, "
        + rejected
        + " rejected\n"
        + table.render();
  }

  private static String rejected(ConfigProgress c) {
    if (c.rejected().isEmpty()) {
      return "0";
    }
    return c.rejectedCount()
        + " ("
        + c.rejected().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String elo(ConfigProgress c) {
    if (c.eloEnd().isEmpty()) {
      return "-";
    }
    return format(c.eloStart()) + " -> " + format(c.eloEnd());
  }

  private static String format(OptionalDouble elo) {
    return elo.isPresent() ? String.valueOf(Math.round(elo.getAsDouble())) : "-";
  }

  private static String duration(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + "s" : (s / 60) + "m " + (s % 60) + "s";
  }
}
