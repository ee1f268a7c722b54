package ai.ringrift.admin.acls;

import java.util.Comparator;
import org.apache.kafka.common.acl.AclBinding;

/**
 * One ACL as the CLI shows it.
 *
 * @param principal e.g. {@code User:selfplay}
 * @param resource TOPIC, GROUP, TRANSACTIONAL_ID or CLUSTER
 * @param pattern LITERAL or PREFIXED
 * @param name the resource name or prefix ({@code *} for every name)
 * @param operation READ, WRITE, ALL, ...
 * @param permission ALLOW or DENY
 * @param host the host it applies to ({@code *} for any)
 * @param status {@code applied}, {@code missing} (in the config, not on the cluster) or {@code
 *     extra} (on the cluster for a configured principal, not in the config)
 */
public record AclRow(
    String principal,
    String resource,
    String pattern,
    String name,
    String operation,
    String permission,
    String host,
    String status) {
  /** Order of the CLI's tables: by principal, resource, name, operation. */
  public static final Comparator<AclRow> ORDER =
      Comparator.comparing(AclRow::principal)
          .thenComparing(AclRow::resource)
          .thenComparing(AclRow::name)
          .thenComparing(AclRow::operation);

  /** The row of {@code binding} with {@code status}. */
  public static AclRow of(AclBinding binding, String status) {
    return new AclRow(
        binding.entry().principal(),
        binding.pattern().resourceType().name(),
        binding.pattern().patternType().name(),
        binding.pattern().name(),
        binding.entry().operation().name(),
        binding.entry().permissionType().name(),
        binding.entry().host(),
        status);
  }
}
