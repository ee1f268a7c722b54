package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift events dlq list}: the dead-letter topics that hold records, and how many. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "The dead-letter topics holding records: how many, how many not yet redriven, the newest"
            + " and its reason.")
public final class DlqListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(names = "--all", description = "Every DLQ of the catalog, empty ones too.")
  boolean all;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect();
        RawTopic raw = new RawTopic(connected.kafka())) {
      List<TopicSpec> dlqs =
          connected.catalog().topics().stream().filter(t -> t.kind() == TopicKind.DLQ).toList();
      Table table = Table.of("DLQ", "RECORDS", "PENDING", "REDRIVEN", "NEWEST", "REASON", "ERROR");
      List<Map<String, Object>> json = new ArrayList<>();
      for (TopicSpec dlq : dlqs) {
        List<DeadLetter> letters =
            hasRecords(raw, dlq) ? DeadLetters.read(raw, dlq.name()) : List.of();
        if (letters.isEmpty() && !all) {
          continue;
        }
        long pending = letters.stream().filter(l -> l.redriven().isEmpty()).count();
        DeadLetter newest = letters.isEmpty() ? null : letters.get(letters.size() - 1);
        table.row(
            dlq.name(),
            letters.size(),
            pending,
            letters.size() - pending,
            newest == null ? null : newest.time(),
            newest == null ? null : newest.reason(),
            newest == null ? null : Text.shorten(newest.error(), 60));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dlq", dlq.name());
        row.put("records", letters.size());
        row.put("pending", pending);
        row.put("newest", newest == null ? null : newest.time());
        row.put("reason", newest == null ? null : newest.reason());
        row.put("error", newest == null ? null : newest.error());
        json.add(row);
      }
      if (!output.json() && table.size() == 0) {
        out.println("no dead letters in the " + dlqs.size() + " DLQs");
        out.flush();
        return 0;
      }
      output.print(out, json, table);
      return 0;
    }
  }

  private static boolean hasRecords(RawTopic raw, TopicSpec dlq) {
    List<TopicPartition> partitions = raw.partitions(dlq.name());
    Map<TopicPartition, Long> begins = raw.begins(partitions);
    Map<TopicPartition, Long> ends = raw.ends(partitions);
    return partitions.stream().anyMatch(p -> ends.get(p) > begins.get(p));
  }
}
