package ai.ringrift.client.security;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclOperation;

/**
 * What one role may do on the cluster, from {@code config/security.yaml}; see that file for the
 * meaning of each list. Missing lists are empty.
 *
 * @param description who runs as this role
 * @param write topics the role produces to
 * @param read topics the role consumes (it may also write their DLQs)
 * @param own topics the role creates and manages (every operation)
 * @param groups consumer groups the role uses
 * @param transactionalIds transactional ids the role's producers use
 * @param cluster cluster-level operations
 */
public record RoleAccess(
    String description,
    List<NamePattern> write,
    List<NamePattern> read,
    List<NamePattern> own,
    List<NamePattern> groups,
    List<NamePattern> transactionalIds,
    List<AclOperation> cluster) {
  private static final Set<AclOperation> CLUSTER_OPERATIONS =
      Set.of(
          AclOperation.ALTER,
          AclOperation.ALTER_CONFIGS,
          AclOperation.CLUSTER_ACTION,
          AclOperation.CREATE,
          AclOperation.DESCRIBE,
          AclOperation.DESCRIBE_CONFIGS,
          AclOperation.IDEMPOTENT_WRITE,
          AclOperation.ALL);

  public RoleAccess {
    Check.notBlank("description", description);
    write = Check.list(write);
    read = Check.list(read);
    own = Check.list(own);
    groups = Check.list(groups);
    transactionalIds = Check.list(transactionalIds);
    cluster = Check.list(cluster);
    for (AclOperation op : cluster) {
      if (!CLUSTER_OPERATIONS.contains(op)) {
        throw new ConfigException(
            "cluster", op + " is not a cluster operation (one of " + CLUSTER_OPERATIONS + ")");
      }
    }
  }

  /** Binds the YAML: patterns as strings, cluster operations by name in any case. */
  @JsonCreator
  static RoleAccess fromYaml(
      @JsonProperty("description") String description,
      @JsonProperty("write") List<String> write,
      @JsonProperty("read") List<String> read,
      @JsonProperty("own") List<String> own,
      @JsonProperty("groups") List<String> groups,
      @JsonProperty("transactionalIds") List<String> transactionalIds,
      @JsonProperty("cluster") List<String> cluster) {
    return new RoleAccess(
        description,
        patterns("write", write),
        patterns("read", read),
        patterns("own", own),
        patterns("groups", groups),
        patterns("transactionalIds", transactionalIds),
        Check.list(cluster).stream().map(RoleAccess::operation).toList());
  }

  /** Topics the role may write, directly or as their owner. */
  public List<NamePattern> writable() {
    return Stream.concat(own.stream(), write.stream()).toList();
  }

  private static List<NamePattern> patterns(String key, List<String> values) {
    List<String> list = Check.list(values);
    return java.util.stream.IntStream.range(0, list.size())
        .mapToObj(
            i -> {
              try {
                return new NamePattern(list.get(i));
              } catch (ConfigException e) {
                throw new ConfigException(
                    key + "[" + i + "]", e.getMessage().substring(e.key().length() + 2));
              }
            })
        .toList();
  }

  private static AclOperation operation(String name) {
    AclOperation op = AclOperation.fromString(name.trim().toUpperCase(Locale.ROOT));
    if (op == AclOperation.UNKNOWN || op == AclOperation.ANY) {
      throw new ConfigException("cluster", "'" + name + "' is not a Kafka ACL operation");
    }
    return op;
  }
}
