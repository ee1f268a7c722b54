package ai.ringrift.admin.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.admin.Cli;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.LogCapture;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.TestCertificates;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 18 against a real broker's SASL_SSL listener (keys from {@code
 * scripts/make-certs}), with the roles' users and ACLs set by the CLI as the cluster's init step
 * sets them: each refused, logged by the broker, and nothing written. Then a SCRAM password rotated
 * while a client keeps running. Passwords are made up for this test.
 */
@WithKafkaCluster(sasl = true, tls = true, schemaRegistry = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SaslSslIT {
  static final SecurityConfig SECURITY = SecurityConfig.load(ConfigSource.packaged());
  static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
  static final String BATCHES = "ringrift.selfplay.batch-completed";
  static final String PROMOTED = "ringrift.model.promoted";

  @TempDir static Path dir;
  static KafkaCluster cluster;
  static TestCertificates certs;

  @BeforeAll
  static void usersAndAcls(KafkaCluster kafka) throws Exception {
    cluster = kafka;
    certs = cluster.certificates();
    SECURITY.roles().keySet().forEach(role -> PASSWORDS.put(role, role + "-tls-secret"));
    Path passwords = dir.resolve("passwords.properties");
    StringBuilder lines = new StringBuilder();
    PASSWORDS.forEach((role, pw) -> lines.append(role).append('=').append(pw).append('\n'));
    Files.writeString(passwords, lines);
    assertThat(cli("acls", "users", "--passwords", passwords.toString()).exitCode()).isZero();
    assertThat(cli("acls", "apply").exitCode()).isZero();
    try (Admin selfplay =
        Admin.create(secure("selfplay", PASSWORDS.get("selfplay")).clientConfig())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> selfplay.describeTopics(List.of(BATCHES)).allTopicNames().get().size() == 1);
    }
  }

  static Cli.Result cli(String... args) throws Exception {
    Path superUser = dir.resolve("super.properties");
    StringBuilder su = new StringBuilder();
    cluster.clientSecurity().forEach((k, v) -> su.append(k).append('=').append(v).append('\n'));
    Files.writeString(superUser, su.toString().replace("\\", "\\\\"));
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--command-config", superUser.toString()));
    return Cli.against(cluster.bootstrapServers(), all.toArray(String[]::new));
  }

  /** A role's settings on the TLS listener, trusting the cluster's CA: SASL_SSL follows. */
  static KafkaSettings secure(String role, String password) {
    return trusting(certs.trustStore().location()).withSasl(role, password);
  }

  static KafkaSettings trusting(Path trustStore) {
    return KafkaSettings.of(cluster.secureBootstrapServers())
        .with("ssl.truststore.location", trustStore.toString())
        .with("ssl.truststore.password", certs.password())
        .with("ssl.truststore.type", "PKCS12");
  }

  static <T extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, T> producer(
      KafkaSettings settings, Class<T> type) {
    Map<String, Object> config = new HashMap<>(settings.clientConfig());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 7_000);
    EventSerdes serdes = EventSerdes.plainAvro(cluster.catalog()); // this cluster has no registry
    return new KafkaProducer<>(config, serdes.key().serializer(), serdes.value(type).serializer());
  }

  static <T extends org.apache.avro.specific.SpecificRecord> void publish(
      KafkaProducer<String, T> producer, String topic, T event) throws Exception {
    String key = cluster.catalog().topicFor(event.getClass()).key().keyOf(event);
    producer.send(new ProducerRecord<>(topic, key, event)).get();
  }

  static <T extends org.apache.avro.specific.SpecificRecord> void publishOnce(
      KafkaSettings settings, String topic, T event) throws Exception {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) event.getClass();
    try (KafkaProducer<String, T> producer = producer(settings, type)) {
      publish(producer, topic, event);
    }
  }

  /** Records in every partition of {@code topic}: what was written, whoever wrote it. */
  static long endOffset(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    cluster
        .admin()
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .forEach(
            p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return cluster.admin().listOffsets(partitions).all().get().values().stream()
        .mapToLong(o -> o.offset())
        .sum();
  }

  @Test
  @Order(1)
  void withoutCredentialsNothingIsWritten() throws Exception {
    // TLS without SASL on a SASL_SSL listener: the broker never hears a login
    KafkaSettings tlsOnly =
        trusting(certs.trustStore().location()).with("security.protocol", "SSL");
    assertThatThrownBy(
            () -> publishOnce(tlsOnly, BATCHES, SampleEvents.of(SelfplayBatchCompleted.class, 1)))
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    assertThat(endOffset(BATCHES)).isZero();
  }

  @Test
  @Order(2)
  void aWrongPasswordIsRefusedAndLoggedByTheBroker() throws Exception {
    try (LogCapture log = LogCapture.of("org.apache.kafka.common.network.Selector", Level.INFO)) {
      assertThatThrownBy(
              () ->
                  publishOnce(
                      secure("selfplay", "guessed"),
                      BATCHES,
                      SampleEvents.of(SelfplayBatchCompleted.class, 2)))
          .hasRootCauseInstanceOf(SaslAuthenticationException.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.contains("Failed authentication", "invalid credentials"));
    }
    assertThat(endOffset(BATCHES)).isZero();
  }

  @Test
  @Order(3)
  void aValidUserWritingOutsideItsRoleIsRefusedAndLogged() throws Exception {
    try (LogCapture log = LogCapture.of("kafka.authorizer.logger", Level.INFO)) {
      assertThatThrownBy(
              () ->
                  publishOnce(
                      secure("trainer", PASSWORDS.get("trainer")),
                      BATCHES,
                      SampleEvents.of(SelfplayBatchCompleted.class, 3)))
          .hasRootCauseInstanceOf(TopicAuthorizationException.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.contains("User:trainer", "Denied", BATCHES));
    }
    assertThat(endOffset(BATCHES)).isZero();
  }

  @Test
  @Order(4)
  void theSelfplayPrincipalCannotPublishModelPromoted() throws Exception {
    try (LogCapture log = LogCapture.of("kafka.authorizer.logger", Level.INFO)) {
      assertThatThrownBy(
              () ->
                  publishOnce(
                      secure("selfplay", PASSWORDS.get("selfplay")),
                      PROMOTED,
                      SampleEvents.of(ModelPromoted.class, 4)))
          .hasRootCauseInstanceOf(TopicAuthorizationException.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.contains("User:selfplay", "Denied", PROMOTED));
    }
    assertThat(endOffset(PROMOTED)).isZero();
  }

  @Test
  @Order(5)
  void aClientThatRefusesTheCertificateChainNeverLogsIn() throws Exception {
    TestCertificates otherCa = TestCertificates.make(dir.resolve("other-ca"), "kafka");
    KafkaSettings wrongCa =
        KafkaSettings.of(cluster.secureBootstrapServers())
            .with("ssl.truststore.location", otherCa.trustStore().location().toString())
            .with("ssl.truststore.password", otherCa.password())
            .with("ssl.truststore.type", "PKCS12")
            .withSasl("selfplay", PASSWORDS.get("selfplay"));
    assertThatThrownBy(
            () -> publishOnce(wrongCa, BATCHES, SampleEvents.of(SelfplayBatchCompleted.class, 5)))
        .hasRootCauseInstanceOf(java.security.cert.CertPathValidatorException.class)
        .satisfies(
            e -> assertThat(e).hasStackTraceContaining(SslAuthenticationException.class.getName()));
    assertThat(endOffset(BATCHES)).isZero();
  }

  @Test
  @Order(6)
  void theRightRoleWritesOverSaslSsl() throws Exception {
    KafkaSettings selfplay = secure("selfplay", PASSWORDS.get("selfplay"));
    assertThat(selfplay.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    publishOnce(selfplay, BATCHES, SampleEvents.of(SelfplayBatchCompleted.class, 6));
    assertThat(endOffset(BATCHES)).isEqualTo(1);
  }

  @Test
  @Order(7)
  void aScramPasswordIsRotatedWhileAClientKeepsRunning() throws Exception {
    // the service reads its password from a secret file, as in the cluster
    Path secret =
        Files.writeString(dir.resolve("selfplay-token"), PASSWORDS.get("selfplay") + "\n");
    Map<String, String> env =
        Map.of(
            "RINGRIFT_BOOTSTRAP_SERVERS", cluster.secureBootstrapServers(),
            "RINGRIFT_KAFKA_USERNAME", "selfplay",
            "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE", secret.toString(),
            "RINGRIFT_KAFKA_SSL_TRUSTSTORE_LOCATION", certs.trustStore().location().toString(),
            "RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE",
                certs.dir().resolve("store-password").toString(),
            "RINGRIFT_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    long before = endOffset(BATCHES);
    try (KafkaProducer<String, SelfplayBatchCompleted> running =
        producer(KafkaSettings.fromEnvironment(env), SelfplayBatchCompleted.class)) {
      publish(running, BATCHES, SampleEvents.of(SelfplayBatchCompleted.class, 7));

      // 1. the operator sets the new password on the cluster (the runbook of docs/security.md)
      Path rotated =
          Files.writeString(dir.resolve("rotated.properties"), "selfplay=rotated-secret\n");
      Cli.Result set =
          cli("acls", "users", "--role", "selfplay", "--passwords", rotated.toString());
      assertThat(set.exitCode()).as(set.toString()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                publishOnce(
                    secure("selfplay", "rotated-secret"),
                    BATCHES,
                    SampleEvents.of(SelfplayBatchCompleted.class, 8));
                return true;
              });

      // 2. the running client is not interrupted: its connection was authenticated before
      publish(running, BATCHES, SampleEvents.of(SelfplayBatchCompleted.class, 9));

      // 3. the old password no longer logs in
      assertThatThrownBy(
              () ->
                  publishOnce(
                      secure("selfplay", PASSWORDS.get("selfplay")),
                      BATCHES,
                      SampleEvents.of(SelfplayBatchCompleted.class, 10)))
          .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }
    // 4. the secret file is updated; the service's restart (its reconnect) reads the new password
    Files.writeString(secret, "rotated-secret\n");
    publishOnce(
        KafkaSettings.fromEnvironment(env),
        BATCHES,
        SampleEvents.of(SelfplayBatchCompleted.class, 11));
    assertThat(endOffset(BATCHES)).isEqualTo(before + 4);
  }
}
