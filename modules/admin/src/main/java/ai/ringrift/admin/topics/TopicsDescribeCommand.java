package ai.ringrift.admin.topics;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringrift topics describe NAME}: the catalog's view and the cluster's, per partition. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Show a topic: its contract and its partitions on the cluster.")
public final class TopicsDescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", description = "Topic name, e.g. ringrift.training.completed.")
  String name;

  @Override
  public Integer call() throws Exception {
    TopicSpec topic =
        connection
            .catalog()
            .find(name)
            .orElseThrow(
                () ->
                    new CliException(
                        "unknown topic '" + name + "'; `ringrift topics list` shows the catalog"));
    TopicDescription description;
    Map<TopicPartition, Long> ends = new LinkedHashMap<>();
    try (Admin admin = connection.admin()) {
      description =
          admin
              .describeTopics(List.of(name))
              .allTopicNames()
              .get(ConnectionOptions.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(name);
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      description
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
      admin
          .listOffsets(latest)
          .all()
          .get(ConnectionOptions.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new CliException(
            "topic "
                + name
                + " is in the catalog but not on the cluster; run `ringrift topics apply`");
      }
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    Table table = Table.of("PARTITION", "LEADER", "REPLICAS", "ISR", "END OFFSET");
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (TopicPartitionInfo p : description.partitions()) {
      long end = ends.get(new TopicPartition(name, p.partition()));
      table.row(
          p.partition(),
          p.leader() == null ? null : p.leader().id(),
          ids(p.replicas()),
          ids(p.isr()),
          end);
      partitions.add(
          Map.of(
              "partition",
              p.partition(),
              "leader",
              p.leader() == null ? -1 : p.leader().id(),
              "replicas",
              ids(p.replicas()),
              "isr",
              ids(p.isr()),
              "endOffset",
              end));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topic", name);
    json.put("kind", topic.kind());
    json.put("value", topic.valueType().map(Class::getName).orElse(null));
    json.put("key", topic.key());
    json.put("dlq", topic.dlqTopic().orElse(null));
    json.put("configs", new java.util.TreeMap<>(topic.configs()));
    json.put("partitions", partitions);
    if (!output.json()) {
      out.printf(
          "%s  %s  value=%s  key=%s  dlq=%s%n  configs=%s%n",
          name,
          topic.kind(),
          topic
              .valueType()
              .map(Class::getSimpleName)
              .orElse(topic.kind() == TopicKind.DLQ ? "(original bytes)" : "(none)"),
          topic.key(),
          topic.dlqTopic().orElse("-"),
          topic.configs());
    }
    output.print(out, json, table);
    return 0;
  }

  private static String ids(List<org.apache.kafka.common.Node> nodes) {
    return nodes.stream()
        .map(n -> Integer.toString(n.id()))
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }
}
