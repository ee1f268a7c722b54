package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.security.SecurityConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift acls list}: the cluster's ACLs beside the config's. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the ACLs of the cluster and of config/security.yaml, each with its status:",
      "applied (both), missing (config only: `ringrift acls apply` creates it), extra (cluster"
          + " only, for a configured principal) or other (another principal's)."
    })
public final class AclsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "Only this role's ACLs (principal User:ROLE).")
  String role;

  @Override
  public Integer call() {
    AclsPlanning plan = AclsPlanning.of(connection);
    List<AclRow> rows;
    try (Admin admin = connection.admin()) {
      AclReconciler acls = new AclReconciler(admin, ConnectionOptions.TIMEOUT.multipliedBy(3));
      AclDiff diff = acls.diff(plan.bindings(), plan.principals());
      rows = new ArrayList<>(diff.rows());
      Set<AclBinding> known = new java.util.HashSet<>(diff.applied());
      known.addAll(diff.extra());
      acls.all().stream()
          .filter(b -> !plan.principals().contains(b.entry().principal()) && !known.contains(b))
          .forEach(b -> rows.add(AclRow.of(b, "other")));
    }
    if (role != null) {
      plan.security().require(role);
      rows.removeIf(r -> !r.principal().equals(SecurityConfig.principal(role)));
    }
    rows.sort(AclRow.ORDER);
    PrintWriter out = spec.commandLine().getOut();
    Table table =
        Table.of("PRINCIPAL", "RESOURCE", "PATTERN", "NAME", "OPERATION", "PERMISSION", "STATUS");
    rows.forEach(
        r ->
            table.row(
                r.principal(),
                r.resource(),
                r.pattern(),
                r.name(),
                r.operation(),
                r.permission(),
                r.status()));
    output.print(out, rows, table);
    return 0;
  }
}
