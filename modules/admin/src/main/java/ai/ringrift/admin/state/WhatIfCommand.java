package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.config.ConfigException;
import ai.ringrift.streams.promotion.PromotionWhatIf;
import ai.ringrift.streams.promotion.WhatIfReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift what-if}: replays of the recorded history under other rules. */
@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = "Replay recorded history through the real decision code with other thresholds.",
    subcommands = {WhatIfCommand.Promotion.class})
public final class WhatIfCommand {
  private WhatIfCommand() {}

  /**
   * {@code ringrift what-if promotion --set key=value …}: every recorded evaluation through the
   * real promotion controller with changed thresholds ({@code PromotionWhatIf}); writes nothing.
   */
  @Command(
      name = "promotion",
      mixinStandardHelpOptions = true,
      description = {
        "Replay every recorded evaluation through the promotion controller with thresholds of"
            + " config/promotion.yaml changed, and show which models would have been promoted.",
        "Nothing is written to any topic. Example: --set cooldownSeconds=600"
            + " --set headToHead.rule=SPRT"
      })
  public static final class Promotion implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin OutputOptions output;

    @Option(
        names = "--set",
        paramLabel = "KEY=VALUE",
        description = "A dotted key of config/promotion.yaml and its value (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "5m",
        converter = Durations.class,
        description = "How long the replay may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      WhatIfReport report;
      try (Connected connected = connection.connect()) {
        report =
            PromotionWhatIf.of(
                    connected.config(), connected.kafka(), connected.catalog(), connected.serdes())
                .run(overrides, timeout);
      } catch (ConfigException | IllegalArgumentException e) {
        throw new CliException(
            "--set " + e.getMessage() + "; the keys are those of config/promotion.yaml", e);
      }
      if (output.json()) {
        OutputOptions.printJson(out, report);
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "what-if %s: %d evaluations replayed, %d promoted, %d rejected, %d rolled back%n",
          overrides.isEmpty() ? "(the live thresholds)" : overrides,
          report.evaluationsReplayed(),
          report.promotions().size(),
          report.decisions().size() - report.promotions().size(),
          report.rollbacks().size());
      Table decisions = Table.of("CONFIG", "MODEL", "DECISION", "GATE", "ACTUAL", "THRESHOLD");
      report
          .decisions()
          .forEach(
              d ->
                  decisions.row(
                      d.config(),
                      d.modelId(),
                      d.promoted() ? "PROMOTED" : "rejected",
                      d.gate(),
                      d.promoted() ? null : SignalsCommand.fixed(d.actual(), 3),
                      d.promoted() ? null : SignalsCommand.fixed(d.threshold(), 3)));
      out.print(decisions.render());
      report
          .rollbacks()
          .forEach(
              r ->
                  out.printf(
                      "%s rolled back %s -> %s: %s%n",
                      r.config(), r.fromModelId(), r.toModelId(), r.reason()));
      out.println("would have been promoted:");
      Map<String, List<String>> promoted = report.promotedModelsByConfig();
      if (promoted.isEmpty()) {
        out.println("  none");
      }
      promoted.forEach(
          (config, models) -> out.println("  " + config + ": " + String.join(", ", models)));
      out.flush();
      return 0;
    }
  }
}
