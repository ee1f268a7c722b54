package ai.ringrift.admin.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.RegistrySerdeConfig;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.testkit.SampleEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded run's schema registry: every event schema registered, kept across restarts. */
class EmbeddedPlatformRegistryIT {
  @TempDir Path dir;

  @Test
  void registersEveryEventSchemaAndKeepsTheIdsAcrossARestart() {
    EmbeddedPlatformSettings settings =
        new EmbeddedPlatformSettings(dir, "localhost", 0, 0, false, null, 0);
    List<String> progress = new ArrayList<>();
    List<String> subjects;
    int trainingId;
    String subject = "ringrift.training.completed-value";
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(settings, progress::add)) {
      SchemaRegistryClient client = SchemaRegistryClient.of(platform.registryUrl());
      subjects = client.subjects();
      trainingId = client.latest(subject).id();
      // production mode: auto-registration off, the schemas are already there
      EventSerdes serdes =
          EventSerdes.from(
              KafkaSettings.of(platform.bootstrapServers())
                  .withSchemaRegistry(platform.registryUrl())
                  .with(RegistrySerdeConfig.AUTO_REGISTER, "false"),
              platform.catalog());
      TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 1);
      byte[] bytes =
          serdes
              .value(TrainingCompleted.class)
              .serializer()
              .serialize("ringrift.training.completed", event);
      assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(trainingId);
      assertThat(client.versions(subject)).containsExactly(1);
    }
    assertThat(subjects).containsExactlyInAnyOrderElementsOf(expectedSubjects());
    assertThat(progress)
        .anyMatch(line -> line.startsWith("schema registry up at http://localhost:"));

    try (EmbeddedPlatform again = EmbeddedPlatform.start(settings, line -> {})) {
      SchemaRegistryClient client = SchemaRegistryClient.of(again.registryUrl());
      assertThat(client.latest(subject).id()).isEqualTo(trainingId);
      assertThat(client.versions(subject)).containsExactly(1);
    }
  }

  private static List<String> expectedSubjects() {
    return TopicCatalog.packaged().topics().stream()
        .filter(t -> t.valueType().isPresent())
        .map(TopicSpec::name)
        .map(name -> name + "-value")
        .toList();
  }
}
