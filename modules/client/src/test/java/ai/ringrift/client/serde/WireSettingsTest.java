package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every client finds the wire format and the registry one way: the caller's registry, else
 * RINGRIFT_SCHEMA_REGISTRY_URL, else wire.schemaRegistryUrl (where `ringrift up` runs it); plain
 * Avro only when a setting names it.
 */
class WireSettingsTest {
  static final ConfigSource REPOSITORY = ConfigSource.directory(Path.of("../../config"));
  static final KafkaSettings KAFKA = KafkaSettings.of("localhost:9092");
  static final String ENV_URL = KafkaSettings.ENV_SCHEMA_REGISTRY_URL;

  @Test
  void withNothingSaidAClientUsesTheRegistryWhereUpRunsIt() {
    WireSettings wire = WireSettings.resolve(KAFKA, REPOSITORY, Map.of());

    assertThat(wire.format()).isEqualTo(WireFormat.REGISTRY);
    assertThat(wire.registryUrl()).contains("http://localhost:8081");
    assertThat(WireSettings.defaults()).isEqualTo(WireSettings.load(REPOSITORY));
  }

  @Test
  void theCallersRegistryWinsOverTheEnvironmentWhichWinsOverTheConfig() {
    ConfigSource elsewhere =
        REPOSITORY.withOverrides(
            "client.yaml", Map.of("wire.schemaRegistryUrl", "http://config-host:8081"));
    Map<String, String> env = Map.of(ENV_URL, "http://env-host:8081");

    assertThat(WireSettings.resolve(KAFKA, elsewhere, Map.of()).schemaRegistryUrl())
        .isEqualTo("http://config-host:8081");
    assertThat(WireSettings.resolve(KAFKA, elsewhere, env).schemaRegistryUrl())
        .isEqualTo("http://env-host:8081");
    assertThat(
            WireSettings.resolve(KAFKA.withSchemaRegistry("http://flag-host:8081"), elsewhere, env)
                .schemaRegistryUrl())
        .isEqualTo("http://flag-host:8081");
  }

  @Test
  void plainAvroOnlyWhenASettingNamesIt() {
    ConfigSource plain = REPOSITORY.withOverrides("client.yaml", Map.of("wire.format", "plain"));

    assertThat(WireSettings.resolve(KAFKA, plain, Map.of()).format()).isEqualTo(WireFormat.PLAIN);
    assertThat(WireSettings.resolve(KAFKA, plain, Map.of()).registryUrl()).isEmpty();
    assertThat(
            WireSettings.resolve(KAFKA, REPOSITORY, Map.of(WireSettings.ENV_FORMAT, "plain"))
                .format())
        .isEqualTo(WireFormat.PLAIN);
    assertThat(
            WireSettings.resolve(KAFKA, plain, Map.of(WireSettings.ENV_FORMAT, "registry"))
                .format())
        .isEqualTo(WireFormat.REGISTRY);
  }

  @Test
  void plainWithARegistryNamedTooIsAConfigurationErrorNamingBoth() {
    ConfigSource plain = REPOSITORY.withOverrides("client.yaml", Map.of("wire.format", "plain"));

    assertThatThrownBy(
            () -> WireSettings.resolve(KAFKA, plain, Map.of(ENV_URL, "http://env-host:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("wire.format: is plain (")
        .hasMessageContaining("http://env-host:8081")
        .hasMessageContaining("unset one of the two");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                WireSettings.resolve(
                    KAFKA, REPOSITORY, Map.of(WireSettings.ENV_FORMAT, "confluent")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("RINGRIFT_WIRE_FORMAT: must be registry or plain, was 'confluent'");
    assertThatThrownBy(
            () ->
                WireSettings.load(
                    REPOSITORY.withOverrides(
                        "client.yaml", Map.of("wire.schemaRegistryUrl", "localhost:8081"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("wire.schemaRegistryUrl: must be an http(s) URL");
    assertThatThrownBy(
            () ->
                WireSettings.load(
                    REPOSITORY.withOverrides("client.yaml", Map.of("wire.format", "json"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("wire.format");
  }
}
