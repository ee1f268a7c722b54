package ai.ringrift.registry;

import ai.ringrift.registry.internal.RegistryServer;
import ai.ringrift.registry.settings.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry in this JVM: Confluent's whole REST API v1 for Avro over
 * HTTP (subjects, versions, register with references and normalize, lookup, soft and permanent
 * deletes, schemas by id, compatibility, config, modes with IMPORT, contexts), its state kept in
 * the compacted {@code _schemas} topic in Confluent's own record format. Several instances on one
 * cluster agree on every id; docs/schema-registry.md lists the endpoints and the record format.
 *
 * <pre>{@code
 * try (var registry = EmbeddedSchemaRegistry.start(RegistrySettings.of("localhost:9092"))) {
 *   String url = registry.url(); // http://localhost:PORT
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

  private final RegistryServer server;
  private final RegistrySettings settings;

  private EmbeddedSchemaRegistry(RegistryServer server, RegistrySettings settings) {
    this.server = server;
    this.settings = settings;
  }

  /**
   * Creates the schemas topic if it is missing, reads it to the end, then serves; fails when the
   * cluster cannot be reached within the settings' timeout or the port is taken.
   */
  public static EmbeddedSchemaRegistry start(RegistrySettings settings) {
    RegistryServer server = RegistryServer.start(settings);
    EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, settings);
    LOGGER.info(
        "schema registry url={} topic={} bootstrap={}",
        registry.url(),
        settings.topic(),
        settings.bootstrapServers());
    return registry;
  }

  /** Base URL of the REST API, e.g. {@code http://localhost:8081} ({@code https} with TLS). */
  public String url() {
    return server.scheme() + "://" + settings.host() + ":" + server.port();
  }

  /** The port the REST API listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
