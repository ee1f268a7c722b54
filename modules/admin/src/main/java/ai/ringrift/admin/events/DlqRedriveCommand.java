package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
          + " without --force, and a record still not decoding stays unless forced.",
      "A record goes back only to the consumer group that gave up on it (header"
          + " ringrift.redrive.for): every other group skips it. It keeps its event_id, so the"
          + " group it is for applies it once (docs/event-contract.md)."
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

  /**
   * What a redrive did, offsets as ranges per partition: the records sent (and for which group),
   * those skipped as redriven before, those left because they still do not decode.
   */
  static String summary(String dlq, Redrive.Outcome outcome) {
    StringBuilder text = new StringBuilder();
    int sent = outcome.sent().size();
    text.append("redrove ")
        .append(sent)
        .append(sent == 1 ? " dead letter of " : " dead letters of ")
        .append(dlq);
    if (sent > 0) {
      text.append(": ").append(OffsetRanges.describe(positions(outcome.sent())));
    }
    text.append('\n');
    Map<String, List<RedriveMarker>> byGroup = new TreeMap<>();
    outcome.sent().forEach(m -> byGroup.computeIfAbsent(groupOf(m), g -> new ArrayList<>()).add(m));
    byGroup.forEach(
        (group, markers) ->
            text.append("  for ")
                .append(group)
                .append(": ")
                .append(OffsetRanges.describe(positions(markers)))
                .append('\n'));
    if (!outcome.alreadyRedriven().isEmpty()) {
      text.append("skipped, redriven before: ")
          .append(OffsetRanges.describe(outcome.alreadyRedriven()))
          .append(" (--force sends them again)\n");
    }
    if (!outcome.undecodable().isEmpty()) {
      text.append("left in the DLQ, still not decodable: ")
          .append(OffsetRanges.describe(outcome.undecodable()))
          .append(" (--force sends them anyway)\n");
    }
    return text.toString();
  }

  private static String groupOf(RedriveMarker marker) {
    return marker.forGroup() == null
        ? "every group (the dead letter names none)"
        : "group " + marker.forGroup() + " only";
  }

  private static List<OffsetRanges.Position> positions(List<RedriveMarker> markers) {
    return markers.stream().map(RedriveMarker::position).toList();
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
      out.print(summary(dlq.name(), outcome));
      out.flush();
      return 0;
    } catch (Redrive.Refused e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
