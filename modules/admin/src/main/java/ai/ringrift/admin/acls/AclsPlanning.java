package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.ConfigException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;

/** The planned ACLs and the principals they cover, for the commands. */
record AclsPlanning(SecurityConfig security, List<AclBinding> bindings, Set<String> principals) {
  static AclsPlanning of(ConnectionOptions connection) {
    try {
      SecurityConfig security = SecurityConfig.load(connection.config());
      List<AclBinding> bindings = AclPlan.bindings(connection.catalog(), security);
      Set<String> principals = new LinkedHashSet<>();
      security.roles().keySet().forEach(r -> principals.add(SecurityConfig.principal(r)));
      return new AclsPlanning(security, bindings, principals);
    } catch (ConfigException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
