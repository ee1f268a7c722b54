package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.json.JsonConversionException;
import ai.ringrift.client.json.JsonToAvro;
import ai.ringrift.client.publish.PublishedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
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
 * {@code ringrift events publish TYPE --json FILE|-}: JSON to Avro through the event's schema,
 * validated field by field, then published with {@code EventPublisher} (the registry's framing when
 * a registry is named). Every event of the input is checked before the first is sent, so bad input
 * publishes nothing.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish events of TYPE from JSON: one object, several, or an array (the output of"
          + " `events recent -o json` too).",
      "Field names as in the schema (snake_case) or camelCase; a missing header is filled in"
          + " (new event id, source ringrift-cli@<host>, now); times as ISO-8601 or epoch ms;"
          + " a config as \"square8_2p\". Everything is validated before anything is sent."
    })
public final class EventsPublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "TYPE", description = "Event type or its topic.")
  String type;

  @Option(
      names = "--json",
      required = true,
      paramLabel = "FILE|-",
      description = "The JSON to publish; - reads standard input.")
  String json;

  @Option(names = "--dry-run", description = "Validate and print the events; publish nothing.")
  boolean dryRun;

  /** Standard input (tests replace it). */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect()) {
      Class<? extends SpecificRecord> eventType = EventTypes.typeOf(connected.catalog(), type);
      List<JsonNode> documents = JsonInput.read(json, stdin);
      JsonToAvro converter = new JsonToAvro(connected.publisher()::newHeader);
      List<SpecificRecord> events = new ArrayList<>();
      for (int i = 0; i < documents.size(); i++) {
        events.add(convert(converter, documents, i, eventType));
      }
      if (dryRun) {
        OutputOptions.printJson(out, events.stream().map(EventJson::fields).toList());
        out.println("dry run: " + events.size() + " valid, nothing published");
        out.flush();
        return 0;
      }
      List<PublishedEvent> published = events.stream().map(connected::publish).toList();
      Table table = Table.of("TYPE", "EVENT ID", "KEY", "TOPIC", "PARTITION", "OFFSET");
      published.forEach(
          p -> table.row(p.type(), p.eventId(), p.key(), p.topic(), p.partition(), p.offset()));
      output.print(out, published, table);
      return 0;
    }
  }

  private SpecificRecord convert(
      JsonToAvro converter,
      List<JsonNode> documents,
      int index,
      Class<? extends SpecificRecord> eventType) {
    String where =
        JsonInput.describe(json) + (documents.size() > 1 ? ": event " + (index + 1) : "");
    try {
      JsonNode document = JsonInput.unwrap(documents.get(index), eventType);
      return converter.convert(document, eventType);
    } catch (CliException | JsonConversionException e) {
      throw new CliException(
          where
              + " ("
              + eventType.getSimpleName()
              + "): "
              + e.getMessage()
              + "; fix the JSON (`ringrift events publish "
              + eventType.getSimpleName()
              + " --json FILE --dry-run` checks it)",
          e);
    }
  }
}
