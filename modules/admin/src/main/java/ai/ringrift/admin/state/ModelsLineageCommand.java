package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.dashboard.lineage.Lineage;
import ai.ringrift.dashboard.lineage.LineageEvents;
import ai.ringrift.dashboard.lineage.ModelLineage;
import ai.ringrift.dashboard.lineage.UnknownModelException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift models lineage MODEL}: the chain of events that made a model, the same as the
 * dashboard's lineage panel (one implementation, {@link ModelLineage}), read from the topics.
 */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = {
      "The chain of events that made MODEL, oldest first: the selfplay batch and the sync behind"
          + " the export it trained on, the training, its evaluations and the decisions on it,"
          + " linked by causation ids, data paths and the ids the events name; then the other"
          + " events of the same traces.",
      "Reads the topics without a consumer group (nothing is committed)."
    })
public final class ModelsLineageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "MODEL", description = "The model id, e.g. training-square8_2p-...")
  String model;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Lineage lineage;
    try (Connected connected = connection.connect()) {
      lineage = ModelLineage.of(model, LineageEvents.read(connected.history(), model));
    } catch (UnknownModelException e) {
      throw new CliException(e.getMessage(), e);
    }
    if (output.json()) {
      OutputOptions.printJson(out, lineage);
    } else {
      out.println(lineage.model() + " of " + lineage.config() + ": " + lineage.outcome());
      out.print(table(lineage.steps()).render());
      if (!lineage.sameTrace().isEmpty()) {
        out.println();
        out.println("other events of the same traces:");
        out.print(table(lineage.sameTrace()).render());
      }
    }
    out.flush();
    return 0;
  }

  private static Table table(List<Lineage.Step> steps) {
    Table table = Table.of("TIME", "STAGE", "EVENT", "EVENT ID", "TRACE", "LINKED BY", "WHAT");
    for (Lineage.Step s : steps) {
      table.row(s.at(), s.stage(), s.type(), s.eventId(), s.traceId(), s.via(), s.summary());
    }
    return table;
  }
}
