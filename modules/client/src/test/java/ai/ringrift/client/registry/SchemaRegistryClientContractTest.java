package ai.ringrift.client.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against Confluent's recorded responses: requests, bodies, errors, caches, retries. */
class SchemaRegistryClientContractTest {
  static final Schema STRING = new Schema.Parser().parse("{\"type\":\"string\"}");
  static final String VERSIONS = "/subjects/test-value/versions";

  RecordedRegistry registry;
  SchemaRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    registry = new RecordedRegistry();
    client =
        new SchemaRegistryClient(
            RegistryClientConfig.of(registry.url())
                .withTimeouts(Duration.ofSeconds(5), 2, Duration.ofMillis(1)));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersWithConfluentsBodyAndCachesBothDirections() {
    registry.on("POST", VERSIONS, "register");

    assertThat(client.register("test-value", STRING)).isEqualTo(1);
    assertThat(client.register("test-value", STRING)).isEqualTo(1);
    assertThat(client.schemaById(1)).isEqualTo(STRING);
    assertThat(client.idOf("test-value", STRING)).isEqualTo(1);

    assertThat(client.requestCount()).isEqualTo(1);
    RecordedRegistry.Request request = registry.received().get(0);
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
  }

  @Test
  void readsLookupsVersionsSubjectsAndSchemasById() {
    registry
        .on("POST", "/subjects/test-value", "lookup")
        .on("GET", VERSIONS, "versions")
        .on("GET", VERSIONS + "/latest", "version")
        .on("GET", "/subjects", "subjects")
        .on("GET", "/schemas/ids/1", "schema-by-id");

    assertThat(client.lookup("test-value", STRING))
        .isEqualTo(new RegisteredSchema("test-value", 3, 1, "{\"type\":\"string\"}"));
    assertThat(client.versions("test-value")).containsExactly(1, 2, 3, 4);
    assertThat(client.latest("test-value").version()).isEqualTo(1);
    assertThat(client.subjects()).containsExactly("subject1", "subject2");
    assertThat(new SchemaRegistryClient(RegistryClientConfig.of(registry.url())).schemaById(1))
        .isEqualTo(STRING);
  }

  @Test
  void testsCompatibilityVerbosely() {
    registry.on(
        "POST",
        "/compatibility/subjects/test-value/versions/latest?verbose=true",
        "compatible",
        "incompatible-verbose");

    assertThat(client.testCompatibility("test-value", STRING).compatible()).isTrue();
    CompatibilityResult no = client.testCompatibility("test-value", STRING);
    assertThat(no.compatible()).isFalse();
    assertThat(no.messages()).singleElement().asString().contains("'score'");
  }

  @Test
  void getsAndSetsCompatibilityLevels() {
    registry
        .on("GET", "/config", "config")
        .on("PUT", "/config/test-value", "config-put")
        .on("GET", "/config/other-value", "subject-config-not-found");

    assertThat(client.globalCompatibility()).isEqualTo("FULL");
    assertThat(client.setCompatibility("test-value", "FULL")).isEqualTo("FULL");
    assertThat(registry.received().get(1).body()).isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(client.subjectCompatibility("other-value")).isEmpty();
  }

  @Test
  void bothIncompatibleCodesBecomeIncompatibleSchemaWithTheServersMessage() {
    registry.on("POST", VERSIONS, "incompatible-409", "incompatible-40901");

    assertThatThrownBy(() -> client.register("test-value", STRING))
        .isInstanceOf(SchemaRegistryException.IncompatibleSchema.class)
        .hasMessageContaining("incompatible with an earlier schema")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
    assertThatThrownBy(() -> client.register("test-value", STRING))
        .isInstanceOf(SchemaRegistryException.IncompatibleSchema.class)
        .hasMessageContaining("additionalInfo:'score'")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
    assertThat(client.requestCount()).as("4xx answers are not retried").isEqualTo(2);
  }

  @Test
  void everyErrorCodeHasItsType() {
    registry
        .on("GET", VERSIONS, "subject-not-found")
        .on("GET", VERSIONS + "/7", "version-not-found")
        .on("GET", "/schemas/ids/99", "schema-not-found")
        .on("POST", VERSIONS, "invalid-schema")
        .on("GET", VERSIONS + "/0", "invalid-version")
        .on("PUT", "/config", "invalid-level");

    assertThatThrownBy(() -> client.versions("test-value"))
        .isInstanceOf(SchemaRegistryException.SubjectNotFound.class)
        .hasMessageContaining("Subject 'test-value' not found.");
    assertThatThrownBy(() -> client.version("test-value", 7))
        .isInstanceOf(SchemaRegistryException.VersionNotFound.class);
    assertThatThrownBy(() -> client.schemaById(99))
        .isInstanceOf(SchemaRegistryException.SchemaNotFound.class)
        .hasMessageContaining("Schema 99 not found");
    assertThatThrownBy(() -> client.register("test-value", STRING))
        .isInstanceOf(SchemaRegistryException.InvalidSchema.class);
    assertThatThrownBy(() -> client.version("test-value", 0))
        .isInstanceOf(SchemaRegistryException.InvalidVersion.class);
    assertThatThrownBy(() -> client.setGlobalCompatibility("SIDEWAYS"))
        .isInstanceOf(SchemaRegistryException.InvalidCompatibilityLevel.class);
  }

  @Test
  void retriesServerErrorsWithBackoffThenSucceeds() {
    registry.on("POST", VERSIONS, "store-error", "timeout", "register");

    assertThat(client.register("test-value", STRING)).isEqualTo(1);
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void givesUpAfterItsRetriesWithTheLastServerError() {
    registry.on("GET", "/schemas/ids/5", "store-error");

    assertThatThrownBy(() -> client.schemaById(5))
        .isInstanceOf(SchemaRegistryException.Unavailable.class)
        .hasMessageContaining("Error in the backend data store")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).retriable()).isTrue());
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void retriesConnectionFailures() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient unreachable =
        new SchemaRegistryClient(
            RegistryClientConfig.of("http://localhost:" + closedPort)
                .withTimeouts(Duration.ofSeconds(2), 1, Duration.ofMillis(1)));

    assertThatThrownBy(() -> unreachable.subjects())
        .isInstanceOf(SchemaRegistryException.Unavailable.class)
        .hasMessageContaining("cannot reach the schema registry");
    assertThat(unreachable.requestCount()).isEqualTo(2);
  }

  @Test
  void sendsBasicAuthOrBearerTokenAndTypesRefusal() {
    registry.on("GET", "/subjects", "subjects", "subjects", "unauthorized");

    new SchemaRegistryClient(RegistryClientConfig.of(registry.url()).withBasicAuth("fred:letmein"))
        .subjects();
    new SchemaRegistryClient(RegistryClientConfig.of(registry.url()).withBearerToken("t0k3n"))
        .subjects();

    assertThat(registry.received().get(0).authorization()).isEqualTo("Basic ZnJlZDpsZXRtZWlu");
    assertThat(registry.received().get(1).authorization()).isEqualTo("Bearer t0k3n");
    assertThatThrownBy(() -> client.subjects())
        .isInstanceOf(SchemaRegistryException.Unauthorized.class);
  }

  @Test
  void refusesConfigThatCannotWork() {
    assertThatThrownBy(() -> RegistryClientConfig.of("localhost:8081"))
        .hasMessageContaining("must be an http(s) URL");
    assertThatThrownBy(() -> RegistryClientConfig.of("http://x").withBasicAuth("no-colon"))
        .hasMessageContaining("user:password");
  }
}
