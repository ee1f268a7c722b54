package ai.ringrift.client.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.RegistryAvroSerializer;
import ai.ringrift.client.serde.RegistrySerdeConfig;
import ai.ringrift.http.BasicAuthFilter;
import ai.ringrift.registry.EmbeddedSchemaRegistry;
import ai.ringrift.registry.settings.RegistrySettings;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.LogCapture;
import ai.ringrift.testkit.TestCertificates;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded registry with security on, on a real broker: HTTPS with a key from {@code
 * scripts/make-certs}, basic auth for every request, writes for the admin only. Each attack is
 * refused, logged, and leaves the registry as it was. Passwords are made up for this test.
 */
@WithKafkaCluster(schemaRegistry = false)
class RegistrySecurityIT {
  static final Schema V1 = SchemaRegistryClientIT.V1;
  static final Schema V2 = SchemaRegistryClientIT.V2;

  @TempDir static Path dir;
  static TestCertificates certs;
  static EmbeddedSchemaRegistry registry;

  @BeforeAll
  static void startRegistry(KafkaCluster cluster) {
    certs = TestCertificates.make(dir.resolve("certs"), "schema-registry");
    registry =
        EmbeddedSchemaRegistry.start(
            RegistrySettings.of(cluster.bootstrapServers())
                .withTopic("_schemas_security_it")
                .withTls(certs.keyStore("schema-registry"))
                .withBasicAuth(
                    Map.of("admin", "admin-pw", "selfplay", "selfplay-pw", "streams", "streams-pw"))
                .withAdmins(Set.of("admin"))
                .withSubjectWriters(Map.of("streams", "security-it-app-")));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  static SchemaRegistryClient as(String userInfo) {
    return as(registry, userInfo);
  }

  static SchemaRegistryClient as(EmbeddedSchemaRegistry registry, String userInfo) {
    RegistryClientConfig config =
        RegistryClientConfig.of(registry.url())
            .withTimeouts(java.time.Duration.ofSeconds(10), 0, java.time.Duration.ofMillis(10))
            .withTrustStore(certs.trustStore());
    return new SchemaRegistryClient(userInfo == null ? config : config.withBasicAuth(userInfo));
  }

  static String subject(String name) {
    return "security-it-" + name + "-" + System.nanoTime() + "-value";
  }

  @Test
  void aRegistryWriteWithoutCredentialsIsRefusedLoggedAndWritesNothing() {
    String subject = subject("anonymous");
    assertThat(registry.url()).startsWith("https://");
    try (LogCapture log = LogCapture.of(BasicAuthFilter.class)) {
      assertThatThrownBy(() -> as(null).register(subject, V1))
          .isInstanceOf(SchemaRegistryException.Unauthorized.class)
          .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(401));
      assertThatThrownBy(() -> as("selfplay:guessed").register(subject, V1))
          .isInstanceOf(SchemaRegistryException.Unauthorized.class);
      assertThat(log.contains("status=401", "realm=SchemaRegistry", "reason=no credentials"))
          .isTrue();
      assertThat(log.contains("user=selfplay", "wrong password")).isTrue();
    }
    // reads want credentials too, as Confluent's registry with basic auth
    assertThatThrownBy(() -> as(null).subjects())
        .isInstanceOf(SchemaRegistryException.Unauthorized.class);
    assertThat(as("admin:admin-pw").subjects()).doesNotContain(subject);
  }

  @Test
  void aSchemaChangeByANonAdminIsRefused403LoggedAndChangesNothing() {
    String subject = subject("change");
    SchemaRegistryClient admin = as("admin:admin-pw");
    int id = admin.register(subject, V1);
    SchemaRegistryClient selfplay = as("selfplay:selfplay-pw");
    try (LogCapture log = LogCapture.of(BasicAuthFilter.class)) {
      assertThatThrownBy(() -> selfplay.register(subject, V2))
          .isInstanceOf(SchemaRegistryException.Unauthorized.class)
          .satisfies(
              e -> {
                SchemaRegistryException refused = (SchemaRegistryException) e;
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.errorCode()).isEqualTo(40301);
                assertThat(refused.getMessage())
                    .contains("User selfplay is denied operation POST")
                    .contains("registry writes need an admin user [admin]");
              });
      assertThatThrownBy(() -> selfplay.setCompatibility(subject, "NONE"))
          .isInstanceOf(SchemaRegistryException.Unauthorized.class);
      assertThat(log.contains("status=403", "user=selfplay", "method=PUT")).isTrue();
    }
    assertThat(admin.versions(subject)).containsExactly(1);
    assertThat(admin.subjectCompatibility(subject)).isEmpty();
    // a reader still reads: get, lookup (a POST that stores nothing), compatibility test
    assertThat(selfplay.latest(subject).id()).isEqualTo(id);
    assertThat(selfplay.idOf(subject, V1)).isEqualTo(id);
    assertThat(selfplay.testCompatibility(subject, V2).compatible()).isTrue();
  }

  @Test
  void aSubjectWriterRegistersItsOwnSubjectsAndAutoRegistersNothingElse() {
    String own = "security-it-app-store-" + System.nanoTime() + "-changelog-value";
    String other = subject("catalog");
    int catalogId = as("admin:admin-pw").register(other, V1);
    SchemaRegistryClient streams = as("streams:streams-pw");
    assertThat(streams.register(own, V1)).isEqualTo(catalogId);
    assertThatThrownBy(() -> streams.register(other, V2))
        .isInstanceOf(SchemaRegistryException.Unauthorized.class)
        .hasMessageContaining("streams may write subjects security-it-app-*");
    // auto-registration looks a registered schema up (a read) and registers only what is missing
    RegistryAvroSerializer<GenericRecord> serializer =
        new RegistryAvroSerializer<>(streams, RegistrySerdeConfig.of(registry.url()), false);
    GenericRecord record = new GenericData.Record(V1);
    record.put("id", "thing-1");
    String topic = other.substring(0, other.length() - "-value".length());
    assertThat(serializer.serialize(topic, record)).isNotEmpty();
    assertThat(as("admin:admin-pw").versions(other)).containsExactly(1);
  }

  @Test
  void aPasswordRotatedInTheUsersFileHoldsWithoutARestart(KafkaCluster cluster) throws Exception {
    Path file = dir.resolve("registry-users");
    Files.writeString(file, usersFile("old-pw"));
    try (EmbeddedSchemaRegistry own =
        EmbeddedSchemaRegistry.start(
            RegistrySettings.of(cluster.bootstrapServers())
                .withTopic("_schemas_users_file_it")
                .withTls(certs.keyStore("schema-registry"))
                .withUsersFile(file)
                .withAdmins(Set.of("admin")))) {
      assertThat(as(own, "selfplay:old-pw").subjects()).isNotNull();
      Files.writeString(file, usersFile("new-pw"));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
      assertThatThrownBy(() -> as(own, "selfplay:old-pw").subjects())
          .isInstanceOf(SchemaRegistryException.Unauthorized.class);
      assertThat(as(own, "selfplay:new-pw").subjects()).isNotNull();
      assertThatThrownBy(() -> as(own, "selfplay:new-pw").register(subject("rotated"), V1))
          .isInstanceOf(SchemaRegistryException.Unauthorized.class)
          .hasMessageContaining("registry writes need an admin user [admin]");
      assertThat(as(own, "admin:admin-pw").register(subject("rotated"), V1)).isPositive();
    }
  }

  /** Jetty's password file, as {@code ringrift acls users --registry-password-file} writes it. */
  private static String usersFile(String selfplayPassword) throws Exception {
    return "selfplay: MD5:"
        + md5(selfplayPassword)
        + ",ringrift\nadmin: MD5:"
        + md5("admin-pw")
        + ",ringrift\n";
  }

  private static String md5(String password) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aClientThatRefusesTheCertificateChainGetsNoAnswer() {
    TestCertificates otherCa = TestCertificates.make(dir.resolve("other-ca"), "schema-registry");
    RegistryClientConfig jdkTrust =
        RegistryClientConfig.of(registry.url())
            .withTimeouts(java.time.Duration.ofSeconds(10), 0, java.time.Duration.ofMillis(10))
            .withBasicAuth("admin:admin-pw");
    for (RegistryClientConfig refusing :
        new RegistryClientConfig[] {jdkTrust, jdkTrust.withTrustStore(otherCa.trustStore())}) {
      assertThatThrownBy(() -> new SchemaRegistryClient(refusing).subjects())
          .isInstanceOf(SchemaRegistryException.Unavailable.class)
          .hasCauseInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("PKIX path");
    }
  }

  @Test
  void theSerdesTrustTheRegistryThroughTheKafkaTrustStoreAndSecretFilesFromTheEnvironment()
      throws Exception {
    String subject = subject("serde");
    as("admin:admin-pw").register(subject, V1);
    Path token = Files.writeString(dir.resolve("selfplay-token"), "selfplay-pw\n");
    Map<String, String> env = new HashMap<>();
    env.put("RINGRIFT_BOOTSTRAP_SERVERS", "localhost:9092");
    env.put("RINGRIFT_SCHEMA_REGISTRY_URL", registry.url());
    env.put("RINGRIFT_KAFKA_USERNAME", "selfplay");
    env.put("RINGRIFT_CLUSTER_AUTH_TOKEN_FILE", token.toString());
    env.put("RINGRIFT_KAFKA_SSL_TRUSTSTORE_LOCATION", certs.trustStore().location().toString());
    env.put(
        "RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE",
        dir.resolve("certs/store-password").toString());
    env.put("RINGRIFT_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    KafkaSettings settings = KafkaSettings.fromEnvironment(env);
    assertThat(settings.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(settings.toString()).doesNotContain("selfplay-pw").doesNotContain(certs.password());

    Map<String, Object> serde = new HashMap<>(settings.clientConfig());
    serde.put(RegistrySerdeConfig.URL, registry.url());
    SchemaRegistryClient client =
        new SchemaRegistryClient(RegistrySerdeConfig.from(serde).client());
    assertThat(new Schema.Parser().parse(client.latest(subject).schema())).isEqualTo(V1);
  }
}
