package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift acls apply}: create the ACLs the config asks for; idempotent. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Create the ACLs config/security.yaml asks for (one principal User:<role> per role);"
          + " ACLs already there are left alone.",
      "Run it as a super user or as the admin role."
    })
public final class AclsApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(names = "--dry-run", description = "Only show what would be created (and pruned).")
  boolean dryRun;

  @Option(
      names = "--prune",
      description = "Also delete ACLs of the config's principals that the config no longer names.")
  boolean prune;

  @Override
  public Integer call() {
    AclsPlanning plan = AclsPlanning.of(connection);
    try (Admin admin = connection.admin()) {
      AclReconciler acls = new AclReconciler(admin, ConnectionOptions.TIMEOUT.multipliedBy(3));
      AclDiff diff =
          dryRun
              ? acls.diff(plan.bindings(), plan.principals())
              : acls.apply(plan.bindings(), plan.principals(), prune);
      PrintWriter out = spec.commandLine().getOut();
      Table table = Table.of("PRINCIPAL", "RESOURCE", "PATTERN", "NAME", "OPERATION", "ACTION");
      diff.rows().stream()
          .filter(r -> !r.status().equals("applied"))
          .forEach(
              r ->
                  table.row(
                      r.principal(),
                      r.resource(),
                      r.pattern(),
                      r.name(),
                      r.operation(),
                      action(r.status())));
      output.print(out, diff.rows(), table);
      if (!output.json()) {
        out.printf(
            "%s%d created, %d unchanged, %d %s%n",
            dryRun ? "dry run: " : "",
            diff.missing().size(),
            diff.applied().size(),
            diff.extra().size(),
            prune ? "pruned" : "not in the config (--prune deletes them)");
        out.flush();
      }
      return 0;
    }
  }

  private String action(String status) {
    if (status.equals("missing")) {
      return dryRun ? "would create" : "created";
    }
    return prune ? (dryRun ? "would delete" : "deleted") : "not in config";
  }
}
