package ai.ringrift.admin.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryException;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.client.security.SecurityErrors;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.registry.EmbeddedSchemaRegistry;
import ai.ringrift.registry.settings.RegistrySettings;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker that wants SASL: the roles' users and ACLs set up with the CLI, then every role
 * held to its topics. Passwords are made up for this test.
 */
@WithKafkaCluster(sasl = true, schemaRegistry = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
  static final SecurityConfig SECURITY = SecurityConfig.load(ConfigSource.packaged());
  static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

  @TempDir static Path dir;
  static Path superUser;
  static EmbeddedSchemaRegistry registry;
  static KafkaCluster cluster;

  @BeforeAll
  static void usersFromAPasswordFile(KafkaCluster kafka) throws Exception {
    cluster = kafka;
    SECURITY.roles().keySet().forEach(role -> PASSWORDS.put(role, role + "-it-secret"));
    StringBuilder file = new StringBuilder();
    PASSWORDS.forEach((role, pw) -> file.append(role).append('=').append(pw).append('\n'));
    Files.writeString(dir.resolve("passwords.properties"), file);
    superUser = dir.resolve("super.properties");
    StringBuilder su = new StringBuilder();
    cluster.clientSecurity().forEach((k, v) -> su.append(k).append('=').append(v).append('\n'));
    Files.writeString(superUser, su.toString().replace("\\", "\\\\"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void usersAndAclsAreAppliedOnceAndThenChangeNothing() throws Exception {
    Path registryPasswords = dir.resolve("registry/passwords");
    Cli.Result users =
        cli(
            "acls",
            "users",
            "--passwords",
            dir.resolve("passwords.properties").toString(),
            "--registry-password-file",
            registryPasswords.toString());
    assertThat(users.exitCode()).as(users.toString()).isZero();
    assertThat(users.out()).containsPattern("selfplay\\s+SCRAM-SHA-512\\s+8192\\s+set");
    // Jetty's PropertyFileLoginModule format, as Confluent's registry reads it
    assertThat(RegistryPasswordFile.md5("password")).isEqualTo("5f4dcc3b5aa765d61d8327deb882cf99");
    assertThat(Files.readAllLines(registryPasswords))
        .contains(
            "selfplay: MD5:" + RegistryPasswordFile.md5("selfplay-it-secret") + ",ringrift",
            "admin: MD5:" + RegistryPasswordFile.md5("admin-it-secret") + ",ringrift")
        .hasSize(1 + PASSWORDS.size());

    int planned = AclPlan.bindings(cluster.catalog(), SECURITY).size();
    assertThat(cli("acls", "apply", "--dry-run").out())
        .contains("dry run: " + planned + " created, 0 unchanged");
    Cli.Result first = cli("acls", "apply");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .containsPattern("User:selfplay\\s+TOPIC\\s+PREFIXED\\s+ringrift\\.selfplay\\.\\s+WRITE")
        .contains(planned + " created, 0 unchanged, 0 not in the config");
    assertThat(cli("acls", "apply").out()).contains("0 created, " + planned + " unchanged");
    assertThat(cli("acls", "list", "--role", "trainer").out())
        .containsPattern("User:trainer\\s+TOPIC\\s+LITERAL\\s+ringrift\\.export\\.completed\\s+")
        .doesNotContain("missing")
        .doesNotContain("User:selfplay");

    RoleClients selfplay = role("selfplay");
    try (Admin admin = Admin.create(selfplay.settings().clientConfig())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  admin
                          .describeTopics(List.of("ringrift.selfplay.batch-completed"))
                          .allTopicNames()
                          .get()
                          .size()
                      == 1);
    }
  }

  @Test
  @Order(2)
  void anUnauthenticatedClientIsRefused() throws Exception {
    Cli.Result list = Cli.against(cluster.bootstrapServers(), "topics", "list");
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err())
        .contains("cannot reach Kafka at " + cluster.bootstrapServers())
        .contains(
            "a SASL cluster also needs RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN");
    RoleClients anonymous =
        new RoleClients(KafkaSettings.of(cluster.bootstrapServers()), cluster.catalog());
    assertThatThrownBy(() -> anonymous.publish(SampleEvents.of(SelfplayBatchCompleted.class, 1)))
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    assertThat(endOffset("ringrift.selfplay.batch-completed")).isZero();
  }

  @Test
  @Order(3)
  void aWrongPasswordIsRefusedNamingTheCredentialsToCheck() {
    RoleClients impostor =
        new RoleClients(
            KafkaSettings.of(cluster.bootstrapServers()).withSasl("selfplay", "guessed"),
            cluster.catalog());
    ExecutionException refused =
        catchExecution(() -> impostor.publish(SampleEvents.of(SelfplayBatchCompleted.class, 2)));
    assertThat(explain(refused, impostor, SecurityErrors.Access.WRITE))
        .isEqualTo(
            "authentication as User:selfplay failed (Authentication failed during authentication"
                + " due to invalid credentials with SASL mechanism SCRAM-SHA-512): check"
                + " RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN, and that `ringrift"
                + " acls users` set this role's password");
  }

  @Test
  @Order(4)
  void aRoleWritingOutsideItsAclsIsRefusedInOneLineNamingPrincipalTopicAndFix() throws Exception {
    RoleClients selfplay = role("selfplay");
    ExecutionException refused =
        catchExecution(() -> selfplay.publish(SampleEvents.of(ModelPromoted.class, 3)));
    assertThat(explain(refused, selfplay, SecurityErrors.Access.WRITE))
        .isEqualTo(
            "User:selfplay may not write to ringrift.model.promoted (roles that may: streams,"
                + " admin): run as one of those roles, or add the topic to"
                + " security.roles.selfplay.write in config/security.yaml and run `ringrift acls"
                + " apply`");
    assertThat(endOffset("ringrift.model.promoted")).isZero();

    ExecutionException wrongGroup =
        catchExecution(() -> selfplay.read(ModelPromoted.class, "ringrift.stage.promotion", 1));
    assertThat(explain(wrongGroup, selfplay, SecurityErrors.Access.READ))
        .startsWith(
            "User:selfplay may not use consumer group ringrift.stage.promotion; role selfplay may"
                + " use ringrift.selfplay.*");
  }

  @Test
  @Order(5)
  void theRightRolesWriteAndReadThroughTheRegistryBehindBasicAuth() throws Exception {
    registry =
        EmbeddedSchemaRegistry.start(
            RegistrySettings.of(cluster.bootstrapServers())
                .withClientProperties(role("registry").settings().clientProperties())
                .withBasicAuth(PASSWORDS));
    SelfplayBatchCompleted batch = SampleEvents.of(SelfplayBatchCompleted.class, 4);
    role("selfplay", registry.url()).publish(batch);

    assertThat(
            role("stages", registry.url())
                .read(SelfplayBatchCompleted.class, "ringrift.stage.sync", 1))
        .containsExactly(batch);
    RoleClients noRegistryPassword =
        new RoleClients(
            role("stages")
                .settings()
                .withSchemaRegistry(registry.url())
                .with("basic.auth.user.info", "stages:wrong"),
            cluster.catalog());
    assertThatThrownBy(
            () -> noRegistryPassword.publish(SampleEvents.of(SelfplayBatchCompleted.class, 5)))
        .hasRootCauseInstanceOf(SchemaRegistryException.class)
        .rootCause()
        .hasMessageContaining("401");
  }

  @Test
  @Order(6)
  void theCliAsAnotherRoleIsToldToUseTheAdminRoleAndWorksAsAdmin() throws Exception {
    Path selfplay = role("selfplay").commandConfig(dir, "selfplay");
    Cli.Result refused =
        Cli.against(
            cluster.bootstrapServers(), "acls", "apply", "--command-config", selfplay.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("ringrift apply: User:selfplay may not manage the cluster (")
        .endsWith("): run this as the admin role (RINGRIFT_KAFKA_USERNAME=admin)\n");

    Path admin = role("admin").commandConfig(dir, "admin");
    Cli.Result asAdmin =
        Cli.against(
            cluster.bootstrapServers(), "acls", "apply", "--command-config", admin.toString());
    assertThat(asAdmin.exitCode()).as(asAdmin.toString()).isZero();
    assertThat(asAdmin.out()).contains("0 created");
  }

  @Test
  @Order(7)
  void theAdminRegistersTheSchemasInTheRegistryBehindBasicAuth() throws Exception {
    Path admin = role("admin").commandConfig(dir, "admin");
    String[] register = {
      "schemas", "register", "--registry-url", registry.url(), "--command-config", admin.toString()
    };
    int subjects =
        (int) cluster.catalog().topics().stream().filter(t -> t.valueType().isPresent()).count();
    Cli.Result first = Cli.against(cluster.bootstrapServers(), register);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .isEqualTo(subjects + " subjects registered at " + registry.url() + "\n");
    assertThat(Cli.against(cluster.bootstrapServers(), register).exitCode()).isZero();

    Cli.Result anonymous = cli("schemas", "register", "--registry-url", registry.url());
    assertThat(anonymous.exitCode()).isEqualTo(1);
    assertThat(anonymous.err())
        .startsWith(
            "ringrift register: the schema registry at "
                + registry.url()
                + " refused the credentials")
        .contains("401")
        .endsWith("RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN\n");
  }

  private static Cli.Result cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--command-config", superUser.toString()));
    return Cli.against(cluster.bootstrapServers(), all.toArray(String[]::new));
  }

  private static RoleClients role(String name) {
    return new RoleClients(
        KafkaSettings.of(cluster.bootstrapServers()).withSasl(name, PASSWORDS.get(name)),
        cluster.catalog());
  }

  private static RoleClients role(String name, String registryUrl) {
    return new RoleClients(
        role(name).settings().withSchemaRegistry(registryUrl), cluster.catalog());
  }

  private static String explain(Throwable failure, RoleClients as, SecurityErrors.Access access) {
    return new SecurityErrors(SECURITY)
        .explain(failure, as.settings(), access)
        .orElseThrow(() -> new AssertionError("not explained", failure))
        .getMessage();
  }

  interface Action {
    void run() throws Exception;
  }

  private static ExecutionException catchExecution(Action action) {
    try {
      action.run();
    } catch (ExecutionException e) {
      return e;
    } catch (Exception e) {
      return new ExecutionException(e);
    }
    throw new AssertionError("was not refused");
  }

  private static long endOffset(String topic) throws Exception {
    return cluster
        .admin()
        .listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest()))
        .all()
        .get()
        .values()
        .iterator()
        .next()
        .offset();
  }
}
