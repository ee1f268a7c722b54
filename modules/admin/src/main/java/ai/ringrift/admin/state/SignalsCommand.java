package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.ScopedConnectionOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.events.TrainingSignal;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift signals}: the signal computer's view per config. */
@Command(
    name = "signals",
    mixinStandardHelpOptions = true,
    description = "The training signals the signal computer derives per config.",
    subcommands = {SignalsCommand.Show.class})
public final class SignalsCommand {
  private SignalsCommand() {}

  /** {@code ringrift signals show}: the compacted {@code ringrift.state.signals} as a table. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "The latest training signal of every config (ringrift.state.signals): urgency, whether"
              + " to train, priority, intensity, Elo trend, new games, why.")
  public static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ScopedConnectionOptions connection;
    @Mixin OutputOptions output;

    @Option(names = "--config", paramLabel = "KEY", description = "Only this config.")
    String config;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Connected connected = connection.connect()) {
        Map<String, TrainingSignal> signals =
            StateTable.read(connected, TrainingSignal.class, config);
        if (!output.json() && signals.isEmpty()) {
          out.println(Empty.message("signal", config, "the signal computer"));
          out.flush();
          return 0;
        }
        Table table =
            Table.of(
                "CONFIG",
                "URGENCY",
                "TRAIN",
                "PRIORITY",
                "INTENSITY",
                "ELO/H",
                "NEW GAMES",
                "STALE H",
                "FLAGS",
                "AT",
                "REASON");
        signals.forEach(
            (key, s) ->
                table.row(
                    key,
                    s.getUrgency(),
                    s.getShouldTrain() ? "yes" : "no",
                    fixed(s.getPriority(), 1),
                    fixed(s.getIntensity(), 2),
                    fixed(s.getEloTrendPerHour(), 1),
                    s.getNewGames(),
                    fixed(s.getStalenessHours(), 1),
                    flags(s),
                    s.getHeader().getOccurredAt(),
                    s.getReason()));
        output.print(out, signals.values().stream().map(AvroJson::toMap).toList(), table);
        return 0;
      }
    }

    private static String flags(TrainingSignal s) {
      StringBuilder flags = new StringBuilder();
      if (s.getBootstrap()) {
        flags.append("bootstrap ");
      }
      if (s.getEloRegression()) {
        flags.append("elo-regression ");
      }
      if (s.getWinRateRegression()) {
        flags.append("win-rate-regression");
      }
      return flags.length() == 0 ? "-" : flags.toString().strip();
    }
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
