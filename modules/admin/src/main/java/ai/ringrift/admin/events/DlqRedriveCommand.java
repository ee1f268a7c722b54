package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift events dlq redrive TOPIC --all | --offset N}: sends dead letters back to the
 * topic they came from, their original bytes unchanged. Safe to run twice (see {@link Redrive}).
 */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    description = {
      "Send dead letters of TOPIC back to their original topic, bytes unchanged.",
      "Safe to repeat: each redrive commits the record and a marker in the DLQ in one Kafka"
          + " transaction (fencing a concurrent redrive), a marked record is not sent again"
          + " without --force, and a record still not decoding stays unless forced; the event"
          + " keeps its event_id, so subscribers deduplicating by it ignore a second copy."
    })
public final class DlqRedriveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "A DLQ or its topic.")
  String topic;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(
      names = "--force",
      description = "Also send records already redriven, or that do not decode.")
  boolean force;

  /** All pending dead letters, or one. */
  static final class Which {
    @Option(names = "--all", description = "Every dead letter not redriven yet.")
    boolean all;

    @Option(names = "--offset", paramLabel = "N", description = "The dead letter at offset N.")
    Long offset;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect()) {
      TopicSpec dlq = DeadLetters.dlqOf(connected.catalog(), topic);
      Redrive.Outcome outcome = new Redrive(connected, dlq, force).run(which.offset);
      if (output.json()) {
        OutputOptions.printJson(out, outcome);
        return 0;
      }
      Table table = Table.of("DEAD LETTER", "SENT TO");
      outcome.sent().forEach(m -> table.row(dlq.name() + "-" + m.of(), m.to()));
      if (table.size() > 0) {
        out.print(table.render());
      }
      List<String> notes = new ArrayList<>();
      notes.add("redrove " + outcome.sent().size() + " dead letters of " + dlq.name());
      if (outcome.alreadyRedriven() > 0) {
        notes.add(outcome.alreadyRedriven() + " already redriven (skipped)");
      }
      if (!outcome.undecodable().isEmpty()) {
        notes.add(
            outcome.undecodable().size()
                + " still do not decode, left in the DLQ (offsets "
                + outcome.undecodable()
                + "; --force sends them anyway)");
      }
      out.println(String.join("; ", notes));
      out.flush();
      return 0;
    } catch (Redrive.Refused e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
