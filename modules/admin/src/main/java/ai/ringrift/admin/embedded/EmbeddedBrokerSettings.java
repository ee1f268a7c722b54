package ai.ringrift.admin.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the single-node broker runs.
 *
 * @param dataDirectory broker data (logs and KRaft metadata); kept across restarts
 * @param host the interface to listen on and advertise
 * @param port client port; 0 picks a free one
 * @param controllerPort KRaft controller port; 0 picks a free one
 */
public record EmbeddedBrokerSettings(
    Path dataDirectory, String host, int port, int controllerPort) {
  /** The default data directory, relative to where the platform runs. */
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("var", "kafka");

  public EmbeddedBrokerSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
      throw new IllegalArgumentException(
          "ports must be 0 to 65535, were " + port + " and " + controllerPort);
    }
  }

  /** {@code ./var/kafka} on localhost:9092, controller on 9093. */
  public static EmbeddedBrokerSettings defaults() {
    return new EmbeddedBrokerSettings(DEFAULT_DATA_DIRECTORY, "localhost", 9092, 9093);
  }

  /** Free ports under {@code dataDirectory}, for tests and side-by-side runs. */
  public static EmbeddedBrokerSettings anyPort(Path dataDirectory) {
    return new EmbeddedBrokerSettings(dataDirectory, "localhost", 0, 0);
  }
}
