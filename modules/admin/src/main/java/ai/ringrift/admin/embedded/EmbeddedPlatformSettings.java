package ai.ringrift.admin.embedded;

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
 */
public record EmbeddedPlatformSettings(
    Path dataDirectory,
    String host,
    int port,
    int controllerPort,
    boolean fresh,
    Path configDirectory) {
  public EmbeddedPlatformSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(host, "host");
  }

  /** The broker's share of the settings. */
  public EmbeddedBrokerSettings broker() {
    return new EmbeddedBrokerSettings(dataDirectory.resolve("kafka"), host, port, controllerPort);
  }
}
