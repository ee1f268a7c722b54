package ai.ringrift.admin.audit;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.history.HistoryException;
import ai.ringrift.client.history.ReplayFrom;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift audit}: reads the loop's topics from outside the services and checks what must
 * hold after any run, faults included: no evaluation decided twice, no model promoted twice, no
 * trigger whose action ran to an outcome twice, no acknowledged event lost (the ledgers of
 * acknowledged selfplay batches against the batch topic), and decisions per config (also after a
 * given time). Exit 0 when all hold, 1 when one does not.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Check the loop's topics: each evaluation decided once, each model promoted once, each"
          + " trigger's action run once, no acknowledged event lost, decisions per config.",
      "Exit 0 when every check holds, 1 when one does not."
    })
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = "--configs",
      required = true,
      split = ",",
      paramLabel = "CONFIG",
      description = "Configs that must have decisions, e.g. square8_2p,hex8_2p.")
  List<String> configs;

  @Option(
      names = "--acknowledged",
      paramLabel = "FILE",
      description =
          "A ledger of acknowledged selfplay batches (one event id a line, as `ringrift"
              + " simulate-selfplay --acknowledged` writes); repeatable. Every id must be on the"
              + " batch topic.")
  List<Path> ledgers = new ArrayList<>();

  @Option(
      names = "--min-decisions",
      paramLabel = "N",
      defaultValue = "1",
      description = "Promotion decisions each config needs (default: ${DEFAULT-VALUE}).")
  int minDecisions;

  @Option(
      names = "--decisions-after",
      paramLabel = "TIME",
      description =
          "Each config also needs a decision after TIME (ISO-8601, e.g. 2026-06-01T12:00:00Z).")
  String after;

  @Override
  public Integer call() {
    for (String config : configs) {
      if (!ConfigKeys.isValid(config)) {
        throw new CliException("--configs: '" + config + "' is not a config key like square8_2p");
      }
    }
    Instant since = parseAfter();
    Map<String, List<String>> acknowledged = readLedgers();
    LoopAudit audit;
    try (Connected connected = connection.connect()) {
      audit = read(connected.history(), acknowledged, since);
    } catch (HistoryException e) {
      throw new CliException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<LoopAudit.Check> checks = audit.checks();
    Table table = Table.of("CHECK", "RESULT", "DETAIL");
    List<Map<String, Object>> json = new ArrayList<>();
    for (LoopAudit.Check check : checks) {
      table.row(check.name(), check.passed() ? "ok" : "FAILED", check.detail());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("check", check.name());
      row.put("passed", check.passed());
      row.put("detail", check.detail());
      json.add(row);
    }
    output.print(out, json, table);
    out.flush();
    return checks.stream().allMatch(LoopAudit.Check::passed) ? 0 : ExitCodes.FAILURE;
  }

  private LoopAudit read(
      EventHistory history, Map<String, List<String>> acknowledged, Instant since) {
    List<ModelPromoted> promoted = new ArrayList<>();
    history.replay(ModelPromoted.class, ReplayFrom.beginning(), e -> promoted.add(e.event()));
    List<PromotionRejected> rejected = new ArrayList<>();
    history.replay(PromotionRejected.class, ReplayFrom.beginning(), e -> rejected.add(e.event()));
    List<StageOutput> outputs = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : StageOutput.TYPES) {
      history.replay(type, ReplayFrom.beginning(), e -> outputs.add(StageOutput.of(e.event())));
    }
    Set<String> published = new HashSet<>();
    if (!acknowledged.isEmpty()) {
      history.replay(
          SelfplayBatchCompleted.class,
          ReplayFrom.beginning(),
          e -> published.add(e.event().getHeader().getEventId()));
    }
    return new LoopAudit(
        promoted, rejected, outputs, published, acknowledged, configs, minDecisions, since);
  }

  private Instant parseAfter() {
    if (after == null) {
      return null;
    }
    try {
      return Instant.parse(after);
    } catch (DateTimeParseException e) {
      throw new CliException(
          "--decisions-after: '" + after + "' is not an ISO-8601 time like 2026-06-01T12:00:00Z");
    }
  }

  private Map<String, List<String>> readLedgers() {
    Map<String, List<String>> ledgerIds = new LinkedHashMap<>();
    for (Path ledger : ledgers) {
      try {
        ledgerIds.put(
            ledger.toString(),
            Files.readAllLines(ledger).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList());
      } catch (IOException e) {
        throw new CliException("cannot read the ledger " + ledger + ": " + e.getMessage(), e);
      }
    }
    return ledgerIds;
  }
}
