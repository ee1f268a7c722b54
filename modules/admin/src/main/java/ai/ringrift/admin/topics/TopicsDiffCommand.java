package ai.ringrift.admin.topics;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.events.catalog.ApplyResult;
import ai.ringrift.events.catalog.TopicAdmin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift topics diff}: how the cluster differs from the catalog. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Show missing topics and drift between the cluster and the catalog.")
public final class TopicsDiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description = "Compare against this replication factor.")
  Short replicationFactor;

  @Option(
      names = "--min-insync-replicas",
      paramLabel = "N",
      description = "Compare against this min.insync.replicas.")
  Integer minInsyncReplicas;

  @Option(
      names = "--exit-code",
      description = "Exit with 1 when the cluster differs from the catalog (for CI).")
  boolean exitCode;

  @Override
  public Integer call() {
    try (Admin admin = connection.admin()) {
      ApplyResult plan =
          new TopicAdmin(admin, ConnectionOptions.TIMEOUT)
              .plan(
                  Catalogs.withReplication(
                      connection.catalog(), replicationFactor, minInsyncReplicas));
      Table table = Table.of("TOPIC", "PROPERTY", "CLUSTER", "CATALOG");
      plan.created().forEach(t -> table.row(t, "exists", "no", "yes"));
      plan.drift().forEach(d -> table.row(d.topic(), d.property(), d.actual(), d.expected()));
      PrintWriter out = spec.commandLine().getOut();
      if (!output.json() && plan.isNoop()) {
        out.println("no differences: the cluster matches the catalog");
        out.flush();
      } else {
        output.print(out, plan, table);
      }
      return exitCode && !plan.isNoop() ? 1 : 0;
    }
  }
}
