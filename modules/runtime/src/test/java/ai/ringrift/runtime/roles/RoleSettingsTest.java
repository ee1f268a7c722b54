package ai.ringrift.runtime.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class RoleSettingsTest {
  static final ConfigSource CONFIG = ConfigSource.directory(Path.of("../../config"));

  @Test
  void loadsTheRepositorySettingsAndNamesGroupsAndTransactionalIdsByRole() {
    RoleSettings settings = RoleSettings.load(CONFIG);
    assertThat(settings.electionTopic()).isEqualTo("ringrift.roles.election");
    assertThat(settings.groupId(LeaderRole.BANDWIDTH_ALLOCATOR))
        .isEqualTo("ringrift.role.BANDWIDTH_ALLOCATOR");
    assertThat(settings.transactionalId(LeaderRole.BANDWIDTH_ALLOCATOR))
        .isEqualTo("ringrift.role.BANDWIDTH_ALLOCATOR");
  }

  @Test
  void rejectsAHeartbeatTooSlowForTheSession() {
    assertThatThrownBy(
            () ->
                new RoleSettings(
                    "ringrift.roles.election", "g.", "t.", 6000, 2500, 30000, 500, 30000))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("heartbeatIntervalMs: must be between 100 and 2000, was 2500");
  }

  @Test
  void rejectsASessionTimeoutTheBrokerWouldRefuse() {
    assertThatThrownBy(
            () ->
                new RoleSettings(
                    "ringrift.roles.election", "g.", "t.", 3000, 1000, 30000, 500, 30000))
        .hasMessageStartingWith("sessionTimeoutMs: must be between 6000 and 300000");
  }

  @Test
  void theElectionTopicMustBeAnInternalSinglePartitionTopicOfTheCatalog() {
    TopicCatalog catalog = TopicCatalog.load(CONFIG);
    RoleSettings good = RoleSettings.load(CONFIG);
    RoleSettings stateTopic =
        new RoleSettings("ringrift.state.roles", "g.", "t.", 6000, 1000, 30000, 500, 30000);
    RoleSettings unknown =
        new RoleSettings("ringrift.roles.nope", "g.", "t.", 6000, 1000, 30000, 500, 30000);
    assertThat(context(good, catalog).settings()).isEqualTo(good);
    assertThatThrownBy(() -> context(stateTopic, catalog))
        .hasMessageContaining("roles.electionTopic")
        .hasMessageContaining("must be an internal topic with exactly one partition");
    assertThatThrownBy(() -> context(unknown, catalog))
        .hasMessageContaining("ringrift.roles.nope is not in the topic catalog");
  }

  static RoleContext context(RoleSettings settings, TopicCatalog catalog) {
    return new RoleContext(
        settings,
        KafkaSettings.of("localhost:9092"),
        catalog,
        EventSerdes.plainAvro(catalog),
        "instance-1",
        "host-1",
        Clock.systemUTC());
  }
}
