package ai.ringrift.admin.topics;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ringrift topics list}: the catalog's topics and whether each exists on the cluster. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the catalog's topics and whether each exists.")
public final class TopicsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    TopicCatalog catalog = connection.catalog();
    Set<String> existing;
    try (Admin admin = connection.admin()) {
      existing =
          admin
              .listTopics()
              .names()
              .get(ConnectionOptions.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    Table table = Table.of("TOPIC", "KIND", "VALUE", "KEY", "PARTITIONS", "EXISTS");
    List<Map<String, Object>> json = new ArrayList<>();
    for (TopicSpec topic : catalog.topics()) {
      String value =
          topic
              .valueType()
              .map(Class::getSimpleName)
              .orElse(topic.kind() == TopicKind.DLQ ? "(original bytes)" : "(none)");
      boolean exists = existing.contains(topic.name());
      table.row(
          topic.name(),
          topic.kind(),
          value,
          topic.key(),
          topic.partitions(),
          exists ? "yes" : "NO");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("topic", topic.name());
      row.put("kind", topic.kind());
      row.put("value", value);
      row.put("key", topic.key());
      row.put("partitions", topic.partitions());
      row.put("exists", exists);
      json.add(row);
    }
    output.print(spec.commandLine().getOut(), json, table);
    return 0;
  }
}
