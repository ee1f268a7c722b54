package ai.ringrift.admin.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * config/security.yaml and the catalog turned into Kafka ACLs, judged as Kafka's authorizer would.
 */
class AclPlanTest {
  static final ConfigSource CONFIG = ConfigSource.directory(Path.of("../../config"));
  static final TopicCatalog CATALOG = TopicCatalog.load(CONFIG);
  static final List<AclBinding> PLAN = AclPlan.bindings(CATALOG, SecurityConfig.load(CONFIG));

  @ParameterizedTest(name = "{0} {1} {2}: {3}")
  @CsvSource({
    "selfplay, WRITE, ringrift.selfplay.batch-completed, true",
    "selfplay, WRITE, ringrift.model.promoted,           false",
    "selfplay, READ,  ringrift.model.promoted,           true",
    "selfplay, WRITE, ringrift.model.promoted.dlq,       true",
    "selfplay, READ,  ringrift.training.completed,       false",
    "selfplay, WRITE, ringrift.daemon.heartbeat,         true",
    "trainer,  WRITE, ringrift.training.completed,       true",
    "trainer,  WRITE, ringrift.evaluation.completed,     false",
    "stages,   WRITE, ringrift.evaluation.completed,     true",
    "stages,   WRITE, ringrift.model.promoted,           false",
    "stages,   READ,  ringrift.model.promoted,           true",
    "streams,  WRITE, ringrift.model.promoted,           true",
    "streams,  WRITE, ringrift.training.completed,       false",
    "streams,  CREATE, ringrift-signal-computer-store-changelog, true",
    "streams,  CREATE, ringrift.training.completed,      false",
    "registry, WRITE, _schemas,                          true",
    "registry, READ,  ringrift.training.completed,       false",
    "admin,    CREATE, ringrift.training.completed,      true",
    "admin,    WRITE, ringrift.circuit.reset-requested,  true",
  })
  void eachRoleMayUseOnlyItsTopics(String role, AclOperation op, String topic, boolean allowed) {
    assertThat(Authorizer.allows(PLAN, role, ResourceType.TOPIC, topic, op)).isEqualTo(allowed);
  }

  @Test
  void groupsAndTransactionalIdsFollowTheRolePrefixes() {
    assertThat(allows("stages", ResourceType.GROUP, "ringrift.stage.training", AclOperation.READ))
        .isTrue();
    assertThat(allows("selfplay", ResourceType.GROUP, "ringrift.stage.training", AclOperation.READ))
        .isFalse();
    assertThat(
            allows(
                "streams",
                ResourceType.TRANSACTIONAL_ID,
                "ringrift-signal-computer-1-0",
                AclOperation.WRITE))
        .isTrue();
    assertThat(
            allows("trainer", ResourceType.TRANSACTIONAL_ID, "ringrift.role.X", AclOperation.WRITE))
        .isFalse();
    assertThat(allows("admin", ResourceType.CLUSTER, "kafka-cluster", AclOperation.ALTER)).isTrue();
    assertThat(allows("stages", ResourceType.CLUSTER, "kafka-cluster", AclOperation.ALTER))
        .isFalse();
  }

  @Test
  void everyEventTopicHasAWriterAndAReaderBesidesTheAdmin() {
    List<String> roles = List.of("selfplay", "trainer", "stages", "streams", "registry");
    // what only an operator asks for, through the CLI as admin
    Set<String> operatorRequests = Set.of("ringrift.circuit.reset-requested");
    for (TopicSpec topic : CATALOG.topics()) {
      if (topic.kind() == TopicKind.DLQ || topic.valueType().isEmpty()) {
        continue;
      }
      List<String> writers = operatorRequests.contains(topic.name()) ? List.of("admin") : roles;
      assertThat(writers)
          .as("a role writes " + topic.name())
          .anyMatch(r -> allows(r, ResourceType.TOPIC, topic.name(), AclOperation.WRITE));
      assertThat(roles)
          .as("a role reads " + topic.name())
          .anyMatch(r -> allows(r, ResourceType.TOPIC, topic.name(), AclOperation.READ));
    }
  }

  @Test
  void readingATopicGrantsWritingItsDlqAndNothingElse() {
    List<AclBinding> trainer =
        PLAN.stream()
            .filter(b -> b.entry().principal().equals("User:trainer"))
            .filter(b -> b.pattern().name().endsWith(".dlq"))
            .toList();
    assertThat(trainer)
        .extracting(b -> b.pattern().name())
        .containsExactlyInAnyOrder("ringrift.export.completed.dlq", "ringrift.model.promoted.dlq");
    assertThat(trainer).allMatch(b -> b.entry().operation() == AclOperation.WRITE);
  }

  @Test
  void patternsBecomeLiteralPrefixedOrWildcardResources() {
    AclBinding prefixed = find("User:selfplay", "ringrift.selfplay.", AclOperation.WRITE);
    assertThat(prefixed.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
    AclBinding literal = find("User:selfplay", "ringrift.model.promoted", AclOperation.READ);
    assertThat(literal.pattern().patternType()).isEqualTo(PatternType.LITERAL);
    AclBinding wildcard = find("User:admin", "*", AclOperation.ALL);
    assertThat(wildcard.pattern().patternType()).isEqualTo(PatternType.LITERAL);
    assertThat(PLAN).doesNotHaveDuplicates();
    assertThat(PLAN).allMatch(b -> b.entry().host().equals("*"));
  }

  @Test
  void aPatternThatMatchesNoCatalogTopicNamesItsKey(@TempDir Path dir) throws Exception {
    SecurityConfig typo =
        load(
            dir,
            "security:\n  mechanism: SCRAM-SHA-512\n  roles:\n    selfplay:\n"
                + "      description: x\n      write: [ringrift.selfplay.*, ringrift.slefplay.*]\n");
    assertThatThrownBy(() -> AclPlan.bindings(CATALOG, typo))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "security.roles.selfplay.write[1]: 'ringrift.slefplay.*' matches no topic of"
                + " topics.yaml; name a catalog topic, or a prefix such as ringrift.sync.*");
  }

  @Test
  void badFileValuesNameTheirKey(@TempDir Path dir) throws Exception {
    String head = "security:\n  mechanism: SCRAM-SHA-512\n  roles:\n    ";
    assertThatThrownBy(() -> load(dir, head + "x:\n      description: d\n      cluster: [FLY]\n"))
        .hasMessageContaining("security.roles.x.cluster: 'FLY' is not a Kafka ACL operation");
    assertThatThrownBy(() -> load(dir, head + "x:\n      description: d\n      cluster: [READ]\n"))
        .hasMessageContaining("security.roles.x.cluster: READ is not a cluster operation");
    assertThatThrownBy(() -> load(dir, head + "x:\n      description: d\n      read: [a*b]\n"))
        .hasMessageContaining(
            "security.roles.x.read[0]: 'a*b' may have '*' only at its end (prefix*), or be '*'");
    assertThatThrownBy(() -> load(dir, head + "Ops:\n      description: d\n"))
        .hasMessageContaining("roles.Ops: a role name is lower case letters");
    assertThatThrownBy(
            () -> load(dir, "security:\n  mechanism: GSSAPI\n  roles:\n    x: {description: d}\n"))
        .hasMessageContaining("security.mechanism: must be SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
  }

  private static boolean allows(String role, ResourceType type, String name, AclOperation op) {
    return Authorizer.allows(PLAN, role, type, name, op);
  }

  private static AclBinding find(String principal, String name, AclOperation op) {
    return PLAN.stream()
        .filter(b -> b.entry().principal().equals(principal))
        .filter(b -> b.pattern().name().equals(name) && b.entry().operation() == op)
        .findFirst()
        .orElseThrow(() -> new AssertionError(principal + " " + op + " " + name + " not planned"));
  }

  private static SecurityConfig load(Path dir, String yaml) throws Exception {
    Files.writeString(dir.resolve("security.yaml"), yaml);
    return SecurityConfig.load(ConfigSource.directory(dir));
  }

  /** Kafka's ALLOW-only matching rules: what a binding lets a principal do to one resource. */
  static final class Authorizer {
    private static final Set<AclOperation> DESCRIBE_IMPLIED_BY =
        Set.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER);

    static boolean allows(
        List<AclBinding> plan, String role, ResourceType type, String name, AclOperation op) {
      return plan.stream()
          .filter(b -> b.entry().principal().equals("User:" + role))
          .filter(b -> b.pattern().resourceType() == type)
          .filter(b -> matches(b, name))
          .anyMatch(b -> grants(b.entry().operation(), op));
    }

    private static boolean matches(AclBinding b, String name) {
      String pattern = b.pattern().name();
      return b.pattern().patternType() == PatternType.PREFIXED
          ? name.startsWith(pattern)
          : pattern.equals("*") || pattern.equals(name);
    }

    private static boolean grants(AclOperation granted, AclOperation wanted) {
      return granted == AclOperation.ALL
          || granted == wanted
          || (wanted == AclOperation.DESCRIBE && DESCRIBE_IMPLIED_BY.contains(granted));
    }
  }
}
