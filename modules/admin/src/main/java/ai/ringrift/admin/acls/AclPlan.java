package ai.ringrift.admin.acls;

import ai.ringrift.client.security.NamePattern;
import ai.ringrift.client.security.RoleAccess;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.ConfigException;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs that {@code config/security.yaml} stands for, given the topic catalog: a pure
 * function, so what {@code ringrift acls apply} would do can be read and tested without a cluster.
 *
 * <p>Per role ({@code User:<role>}, any host, ALLOW): WRITE on each {@code write} pattern; READ on
 * each {@code read} pattern plus WRITE on the DLQ of every catalog topic it matches (consumers put
 * poison records there); ALL on each {@code own} pattern; READ and DELETE on each {@code groups}
 * pattern; WRITE on each {@code transactionalIds} pattern; each {@code cluster} operation on the
 * cluster. Kafka implies DESCRIBE from READ, WRITE and DELETE.
 */
public final class AclPlan {
  private static final ResourcePattern CLUSTER =
      new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);

  private AclPlan() {}

  /**
   * Every binding the config asks for, without duplicates, in the config's order.
   *
   * @throws ConfigException when a {@code ringrift.*} pattern names no catalog topic (a typo would
   *     otherwise grant nothing, silently)
   */
  public static List<AclBinding> bindings(TopicCatalog catalog, SecurityConfig config) {
    Set<AclBinding> bindings = new LinkedHashSet<>();
    for (Map.Entry<String, RoleAccess> role : config.roles().entrySet()) {
      bindings.addAll(roleBindings(catalog, role.getKey(), role.getValue()));
    }
    return List.copyOf(bindings);
  }

  private static List<AclBinding> roleBindings(
      TopicCatalog catalog, String role, RoleAccess access) {
    String principal = SecurityConfig.principal(role);
    String key = "security.roles." + role + ".";
    List<AclBinding> out = new ArrayList<>();
    topics(catalog, key + "write", access.write())
        .forEach(
            p -> out.add(allow(principal, p.resource(ResourceType.TOPIC), AclOperation.WRITE)));
    for (NamePattern p : topics(catalog, key + "read", access.read())) {
      out.add(allow(principal, p.resource(ResourceType.TOPIC), AclOperation.READ));
      for (String dlq : dlqsOf(catalog, p)) {
        out.add(allow(principal, literalTopic(dlq), AclOperation.WRITE));
      }
    }
    topics(catalog, key + "own", access.own())
        .forEach(p -> out.add(allow(principal, p.resource(ResourceType.TOPIC), AclOperation.ALL)));
    for (NamePattern p : access.groups()) {
      out.add(allow(principal, p.resource(ResourceType.GROUP), AclOperation.READ));
      out.add(allow(principal, p.resource(ResourceType.GROUP), AclOperation.DELETE));
    }
    access
        .transactionalIds()
        .forEach(
            p ->
                out.add(
                    allow(
                        principal, p.resource(ResourceType.TRANSACTIONAL_ID), AclOperation.WRITE)));
    access.cluster().forEach(op -> out.add(allow(principal, CLUSTER, op)));
    return out;
  }

  private static List<NamePattern> topics(
      TopicCatalog catalog, String key, List<NamePattern> patterns) {
    for (int i = 0; i < patterns.size(); i++) {
      NamePattern p = patterns.get(i);
      boolean platformName = p.name().startsWith("ringrift.");
      if (platformName && catalog.topics().stream().noneMatch(t -> p.matches(t.name()))) {
        throw new ConfigException(
            key + "[" + i + "]",
            "'"
                + p
                + "' matches no topic of topics.yaml; name a catalog topic, or a prefix such as"
                + " ringrift.sync.*");
      }
    }
    return patterns;
  }

  private static List<String> dlqsOf(TopicCatalog catalog, NamePattern pattern) {
    return catalog.topics().stream()
        .filter(t -> t.kind() != TopicKind.DLQ && pattern.matches(t.name()))
        .map(TopicSpec::dlqTopic)
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  private static ResourcePattern literalTopic(String name) {
    return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
  }

  private static AclBinding allow(
      String principal, ResourcePattern resource, AclOperation operation) {
    return new AclBinding(
        resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
