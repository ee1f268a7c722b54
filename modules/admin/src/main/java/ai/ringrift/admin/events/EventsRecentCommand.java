package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.client.history.HistoryException;
import ai.ringrift.client.history.RecordedEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift events recent [TYPE]}: the last events of one type, or of every event topic
 * merged by time (the original's {@code get_recent_events}), oldest first.
 */
@Command(
    name = "recent",
    mixinStandardHelpOptions = true,
    description =
        "The last events of TYPE, or of every event type merged by time, oldest first;"
            + " -o json prints what `events publish --json` reads.")
public final class EventsRecentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TYPE",
      description = "Event type or its topic (default: every event type).")
  String type;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "20",
      description = "How many events (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new CliException("--limit must be at least 1, was " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect()) {
      List<? extends RecordedEvent<? extends SpecificRecord>> events = read(connected);
      if (output.json()) {
        OutputOptions.printJson(out, events.stream().map(EventJson::recorded).toList());
      } else if (events.isEmpty()) {
        out.println("no events" + (type == null ? "" : " of " + type));
      } else {
        events.forEach(e -> out.println(EventJson.line(e)));
      }
      out.flush();
      return 0;
    } catch (HistoryException e) {
      throw new CliException(
          e.getMessage() + "; `ringrift topics apply` creates missing topics", e);
    }
  }

  private List<? extends RecordedEvent<? extends SpecificRecord>> read(Connected connected) {
    if (type == null) {
      return connected.history().recentEvents(limit);
    }
    return connected.history().recentEvents(EventTypes.typeOf(connected.catalog(), type), limit);
  }
}
