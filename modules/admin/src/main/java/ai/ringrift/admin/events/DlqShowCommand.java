package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift events dlq show TOPIC}: the dead letters of a topic with the failure each one
 * had, or one of them in full ({@code --offset N}): every dead-letter header, the key, the other
 * headers and the value, decoded when it decodes.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "The dead letters of TOPIC (the DLQ or the topic it belongs to): where each came from, why"
          + " it failed, whether it was redriven.",
      "With --offset N: that record in full, with its DeadLetterHeaders and its value."
    })
public final class DlqShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "A DLQ or its topic.")
  String topic;

  @Option(names = "--offset", paramLabel = "N", description = "Show the record at offset N.")
  Long offset;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "20",
      description = "Show the newest N (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect();
        RawTopic raw = new RawTopic(connected.kafka())) {
      TopicSpec dlq = DeadLetters.dlqOf(connected.catalog(), topic);
      List<DeadLetter> letters = DeadLetters.read(raw, dlq.name());
      if (offset != null) {
        DeadLetter letter = find(letters, dlq.name());
        Map<String, Object> detail = detail(connected, letter);
        if (output.json()) {
          OutputOptions.printJson(out, detail);
        } else {
          detail.forEach((k, v) -> out.printf("%-18s %s%n", k, v));
        }
        out.flush();
        return 0;
      }
      List<DeadLetter> shown = letters.subList(Math.max(0, letters.size() - limit), letters.size());
      Table table =
          Table.of(
              "OFFSET", "TIME", "FROM", "REASON", "ATTEMPTS", "SUBSCRIBER", "ERROR", "REDRIVEN");
      List<Map<String, Object>> json = new ArrayList<>();
      for (DeadLetter l : shown) {
        table.row(
            l.offset(),
            l.time(),
            l.origin(),
            l.reason(),
            l.attempts(),
            l.subscriber(),
            Text.shorten(l.error(), 60),
            l.redriven().map(m -> m.to()).orElse(null));
        json.add(summary(l));
      }
      if (!output.json() && shown.isEmpty()) {
        out.println(dlq.name() + " holds no dead letters");
        out.flush();
        return 0;
      }
      output.print(out, json, table);
      return 0;
    }
  }

  private DeadLetter find(List<DeadLetter> letters, String dlq) {
    return letters.stream()
        .filter(l -> l.offset() == offset)
        .findFirst()
        .orElseThrow(
            () ->
                new CliException(
                    "no dead letter at offset "
                        + offset
                        + " of "
                        + dlq
                        + "; `ringrift events dlq show "
                        + dlq
                        + "` lists them"));
  }

  private static Map<String, Object> summary(DeadLetter l) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("offset", l.offset());
    row.put("time", l.time());
    row.put("from", l.origin());
    row.put("reason", l.reason());
    row.put("attempts", l.attempts());
    row.put("subscriber", l.subscriber());
    row.put("error", l.error());
    row.put("redriven", l.redriven().map(RedriveMarker::toString).orElse(null));
    return row;
  }

  private static Map<String, Object> detail(Connected connected, DeadLetter l) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("offset", l.offset());
    detail.put("time", l.time());
    detail.putAll(new TreeMap<>(l.failure()));
    detail.put("key", Copier.keyText(l.record()));
    Map<String, String> others = new TreeMap<>();
    for (Header h : l.record().headers()) {
      if (!h.key().startsWith(DeadLetterHeaders.PREFIX) && h.value() != null) {
        others.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    detail.put("headers", others);
    detail.put("value", ValueText.of(connected, l));
    detail.put("redriven", l.redriven().map(RedriveMarker::toString).orElse("no"));
    return detail;
  }

  /** The value of a dead letter, decoded as its original topic's type when it decodes. */
  static final class ValueText {
    private ValueText() {}

    static Object of(Connected connected, DeadLetter l) {
      byte[] value = l.record().value();
      if (value == null) {
        return "(none)";
      }
      try {
        Class<? extends SpecificRecord> type =
            connected.catalog().topic(l.originalTopic()).valueType().orElseThrow();
        SpecificRecord event =
            connected
                .serdes()
                .value(type)
                .deserializer()
                .deserialize(l.originalTopic(), l.record().headers(), value);
        return EventJson.json(EventJson.fields(event));
      } catch (RuntimeException e) {
        return value.length + " bytes that do not decode (" + e.getMessage() + "): " + hex(value);
      }
    }

    private static String hex(byte[] bytes) {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < Math.min(bytes.length, 48); i++) {
        hex.append(String.format("%02x", bytes[i]));
      }
      return hex + (bytes.length > 48 ? "..." : "");
    }
  }
}
