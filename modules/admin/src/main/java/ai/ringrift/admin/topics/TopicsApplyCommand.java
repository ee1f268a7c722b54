package ai.ringrift.admin.topics;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.events.catalog.ApplyResult;
import ai.ringrift.events.catalog.TopicAdmin;
import ai.ringrift.events.catalog.TopicCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift topics apply}: create missing topics, report drift, never delete. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Create the catalog's missing topics and report drift; never deletes or alters a topic.")
public final class TopicsApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(names = "--dry-run", description = "Only show what would be created.")
  boolean dryRun;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description = "Replicas per partition (production: 3).")
  Short replicationFactor;

  @Option(
      names = "--min-insync-replicas",
      paramLabel = "N",
      description = "min.insync.replicas with --replication-factor (production: 2).")
  Integer minInsyncReplicas;

  @Override
  public Integer call() {
    TopicCatalog catalog =
        Catalogs.withReplication(connection.catalog(), replicationFactor, minInsyncReplicas);
    try (Admin admin = connection.admin()) {
      TopicAdmin topics = new TopicAdmin(admin, ConnectionOptions.TIMEOUT.multipliedBy(6));
      ApplyResult result = dryRun ? topics.plan(catalog) : topics.apply(catalog);
      PrintWriter out = spec.commandLine().getOut();
      Table table = Table.of("TOPIC", "ACTION", "DETAIL");
      result.created().forEach(t -> table.row(t, dryRun ? "would create" : "created", ""));
      result
          .drift()
          .forEach(
              d ->
                  table.row(
                      d.topic(),
                      "drift",
                      d.property() + ": cluster " + d.actual() + ", catalog " + d.expected()));
      output.print(out, result, table);
      if (!output.json()) {
        out.printf(
            "%s%d created, %d unchanged, %d drifted%n",
            dryRun ? "dry run: " : "",
            result.created().size(),
            result.unchanged().size(),
            result.drift().size());
        out.flush();
      }
      return 0;
    }
  }
}
