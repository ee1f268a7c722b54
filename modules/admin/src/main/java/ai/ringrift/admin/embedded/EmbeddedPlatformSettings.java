package ai.ringrift.admin.embedded;

import ai.ringrift.registry.settings.RegistrySettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of an embedded run.
 *
 * @param dataDirectory root of everything the run keeps ({@code kafka/} holds the broker's data)
 * @param host interface to listen on
 * @param port broker client port (0 = any free port)
 * @param controllerPort KRaft controller port (0 = any free port)
 * @param fresh delete {@code dataDirectory} first
 * @param configDirectory config directory, or null for ./config or the packaged defaults
 * @param registryPort HTTP port of the embedded schema registry (0 = any free port)
 */
public record EmbeddedPlatformSettings(
    Path dataDirectory,
    String host,
    int port,
    int controllerPort,
    boolean fresh,
    Path configDirectory,
    int registryPort) {
  public EmbeddedPlatformSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(host, "host");
    if (registryPort < 0 || registryPort > 65535) {
      throw new IllegalArgumentException("--registry-port must be 0..65535, was " + registryPort);
    }
  }

  /** Settings with the schema registry on Confluent's default port, 8081. */
  public EmbeddedPlatformSettings(
      Path dataDirectory,
      String host,
      int port,
      int controllerPort,
      boolean fresh,
      Path configDirectory) {
    this(
        dataDirectory,
        host,
        port,
        controllerPort,
        fresh,
        configDirectory,
        RegistrySettings.DEFAULT_PORT);
  }

  /** The schema registry's share: schemas in the broker's {@code _schemas} topic. */
  public RegistrySettings registry(String bootstrapServers) {
    return RegistrySettings.of(bootstrapServers).withPort(registryPort);
  }

  /** The broker's share of the settings. */
  public EmbeddedBrokerSettings broker() {
    return new EmbeddedBrokerSettings(dataDirectory.resolve("kafka"), host, port, controllerPort);
  }
}
