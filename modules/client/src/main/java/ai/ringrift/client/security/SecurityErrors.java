package ai.ringrift.client.security;

import ai.ringrift.client.KafkaSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Turns Kafka's authentication and authorization failures into {@link AccessDeniedException}s whose
 * one-line message names the principal, the resource, who may use it and what to do. Kafka's own
 * messages name only the resource ({@code Not authorized to access topics: [x]}).
 */
public final class SecurityErrors {
  private static final String APPLY = "and run `ringrift acls apply`";

  /** What the client was doing when it was refused. */
  public enum Access {
    WRITE("write to"),
    READ("read"),
    MANAGE("manage");

    private final String verb;

    Access(String verb) {
      this.verb = verb;
    }
  }

  private final SecurityConfig config;

  /** Explains failures against the roles of {@code config}. */
  public SecurityErrors(SecurityConfig config) {
    this.config = config;
  }

  /**
   * The explained failure, when {@code failure} (or one of its causes) is an authentication or
   * authorization error; empty otherwise.
   */
  public Optional<AccessDeniedException> explain(
      Throwable failure, KafkaSettings settings, Access access) {
    String user = settings.username().orElse("ANONYMOUS");
    String principal = SecurityConfig.principal(user);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Optional<String> message = message(t, user, principal, access);
      if (message.isPresent()) {
        return Optional.of(new AccessDeniedException(principal, message.get(), failure));
      }
    }
    return Optional.empty();
  }

  private Optional<String> message(Throwable t, String user, String principal, Access access) {
    if (t instanceof SaslAuthenticationException) {
      return Optional.of(
          "authentication as "
              + principal
              + " failed ("
              + t.getMessage()
              + "): check "
              + KafkaSettings.ENV_USERNAME
              + " and "
              + KafkaSettings.ENV_AUTH_TOKEN
              + ", and that `ringrift acls users` set this role's password");
    }
    if (t instanceof TopicAuthorizationException e) {
      String topics = String.join(", ", e.unauthorizedTopics());
      String first = e.unauthorizedTopics().stream().findFirst().orElse("?");
      Function<RoleAccess, List<NamePattern>> lists =
          access == Access.WRITE ? RoleAccess::writable : r -> concat(r.read(), r.own());
      return Optional.of(
          principal
              + " may not "
              + access.verb
              + " "
              + topics
              + " ("
              + allowedRoles(first, lists)
              + "): run as one of those roles, or add the topic to security.roles."
              + user
              + "."
              + (access == Access.WRITE ? "write" : "read")
              + " in config/security.yaml "
              + APPLY);
    }
    if (t instanceof GroupAuthorizationException e) {
      return Optional.of(
          principal
              + " may not use consumer group "
              + e.groupId()
              + "; role "
              + user
              + " may use "
              + patterns(config.role(user).map(RoleAccess::groups))
              + ": name the group with one of these, or add it to security.roles."
              + user
              + ".groups in config/security.yaml "
              + APPLY);
    }
    if (t instanceof TransactionalIdAuthorizationException) {
      return Optional.of(
          principal
              + " may not use its transactional id ("
              + t.getMessage()
              + "); role "
              + user
              + " may use "
              + patterns(config.role(user).map(RoleAccess::transactionalIds))
              + ": add it to security.roles."
              + user
              + ".transactionalIds in config/security.yaml "
              + APPLY);
    }
    if (t instanceof ClusterAuthorizationException) {
      return Optional.of(
          principal
              + " may not "
              + access.verb
              + " the cluster ("
              + t.getMessage()
              + "): run this as the admin role ("
              + KafkaSettings.ENV_USERNAME
              + "=admin)");
    }
    return Optional.empty();
  }

  private String allowedRoles(String topic, Function<RoleAccess, List<NamePattern>> lists) {
    List<String> roles =
        config.roles().entrySet().stream()
            .filter(e -> lists.apply(e.getValue()).stream().anyMatch(p -> p.matches(topic)))
            .map(java.util.Map.Entry::getKey)
            .toList();
    return roles.isEmpty()
        ? "no role of config/security.yaml may"
        : "roles that may: " + String.join(", ", roles);
  }

  private static String patterns(Optional<List<NamePattern>> patterns) {
    List<NamePattern> list = patterns.orElse(List.of());
    return list.isEmpty()
        ? "none"
        : list.stream().map(NamePattern::text).collect(Collectors.joining(", "));
  }

  private static List<NamePattern> concat(List<NamePattern> a, List<NamePattern> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
