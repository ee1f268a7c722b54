package ai.ringrift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start every process that runs services shares (no broker: nothing here reaches it). */
class ServiceMainTest {
  static final KafkaSettings NO_BROKER = KafkaSettings.of("localhost:1");

  static ConfigSource config(int httpPort, Map<String, Object> health) {
    return ConfigSource.directory(Path.of("../../config"))
        .withOverrides("client.yaml", Map.of("wire.format", "plain", "wire.checkTimeoutMs", 1))
        .withOverrides(
            "runtime.yaml", Map.of("runtime.httpPort", httpPort, "runtime.jmxEnabled", false))
        .withOverrides("runtime.yaml", health);
  }

  @Test
  void theRuntimeStartsWithTheStandardHealthChecks() {
    ConfigSource config = config(0, Map.of());
    ServiceContext context =
        ServiceMain.start("main-test", config, NO_BROKER, WireSettings.resolve(NO_BROKER, config));
    try (ServiceRuntime runtime = context.runtime()) {
      assertThat(runtime.service()).isEqualTo("main-test");
      assertThat(runtime.health().getNames()).contains(StandardHealthChecks.BROKER);
      assertThat(context.kafka().bootstrapServers()).isEqualTo("localhost:1");
      assertThat(context.kafka().clientProperties()) // client.yaml's serviceClients
          .containsEntry("fetch.max.wait.ms", "10");
    }
  }

  @Test
  void aServiceThatCannotStartLeavesNoEndpointBehind() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ConfigSource config = config(port, Map.of("health.timeoutMs", 1));

    assertThatThrownBy(
            () ->
                ServiceMain.start(
                    "main-test", config, NO_BROKER, WireSettings.resolve(NO_BROKER, config)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timeoutMs");
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(port)); // the status endpoint let its port go
      assertThat(again.isBound()).isTrue();
    }
  }
}
