package ai.ringrift.admin.acls;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/**
 * How the cluster's ACLs compare with the config's.
 *
 * @param missing in the config, not on the cluster (created by an apply)
 * @param applied in the config and on the cluster
 * @param extra on the cluster for a principal of the config, but not in the config (removed by an
 *     apply with {@code --prune})
 */
public record AclDiff(List<AclBinding> missing, List<AclBinding> applied, List<AclBinding> extra) {
  public AclDiff {
    missing = List.copyOf(missing);
    applied = List.copyOf(applied);
    extra = List.copyOf(extra);
  }

  /** Every binding as a row with its status, in the CLI's order. */
  public List<AclRow> rows() {
    java.util.List<AclRow> rows = new java.util.ArrayList<>();
    missing.forEach(b -> rows.add(AclRow.of(b, "missing")));
    applied.forEach(b -> rows.add(AclRow.of(b, "applied")));
    extra.forEach(b -> rows.add(AclRow.of(b, "extra")));
    rows.sort(AclRow.ORDER);
    return List.copyOf(rows);
  }
}
