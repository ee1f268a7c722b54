package ai.ringrift.events.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingSignal;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog in config/topics.yaml against the contract in schemas/. */
class TopicCatalogTest {
  static final Path ROOT = Path.of("../..");
  final TopicCatalog catalog = TopicCatalog.load(ConfigSource.directory(ROOT.resolve("config")));

  @Test
  void everySchemaHasExactlyOneTopic() throws IOException {
    List<String> schemas = topLevelSchemaNames();
    assertThat(schemas).hasSizeGreaterThanOrEqualTo(25);
    Map<String, Long> topicsPerType =
        catalog.topics().stream()
            .flatMap(t -> t.valueType().stream())
            .collect(Collectors.groupingBy(Class::getName, Collectors.counting()));
    for (String schema : schemas) {
      assertThat(topicsPerType.get(schema)).as("topics carrying %s", schema).isEqualTo(1L);
    }
    assertThat(topicsPerType.keySet()).containsExactlyInAnyOrderElementsOf(schemas);
  }

  @Test
  void namesFollowOneRule() {
    for (TopicSpec topic : catalog.topics()) {
      switch (topic.kind()) {
        case EVENT ->
            assertThat(topic.name()).matches("ringrift\\.(?!state\\.)[a-z]+\\.[a-z]+(-[a-z]+)*");
        case STATE -> {
          assertThat(topic.name()).matches("ringrift\\.state\\.[a-z]+(-[a-z]+)*");
          assertThat(topic.configs()).containsEntry("cleanup.policy", "compact");
        }
        case DLQ -> assertThat(topic.name()).matches("ringrift\\.[a-z]+\\.[a-z]+(-[a-z]+)*\\.dlq");
        case INTERNAL ->
            assertThat(topic.name()).matches("ringrift\\.(?!state\\.)[a-z]+\\.[a-z]+(-[a-z]+)*");
      }
    }
  }

  @Test
  void everyConsumedEventTopicHasItsDlqRightAfterIt() {
    Map<String, TopicSpec> byName =
        catalog.topics().stream().collect(Collectors.toMap(TopicSpec::name, Function.identity()));
    for (TopicSpec topic : catalog.topics()) {
      if (topic.kind() == TopicKind.EVENT && !topic.name().equals("ringrift.daemon.heartbeat")) {
        assertThat(topic.dlqTopic()).as(topic.name()).contains(topic.name() + ".dlq");
        TopicSpec dlq = byName.get(topic.name() + ".dlq");
        assertThat(dlq.kind()).isEqualTo(TopicKind.DLQ);
        assertThat(dlq.valueType()).isEmpty();
      }
    }
  }

  @Test
  void internalTopicsCarryNoEventAndHaveNoDlq() {
    TopicSpec election = catalog.topic("ringrift.roles.election");
    assertThat(election.kind()).isEqualTo(TopicKind.INTERNAL);
    assertThat(election.partitions()).as("one partition: its assignee holds the role").isEqualTo(1);
    assertThat(catalog.topics())
        .filteredOn(t -> t.kind() == TopicKind.INTERNAL)
        .allSatisfy(
            t -> {
              assertThat(t.valueType()).isEmpty();
              assertThat(t.dlqTopic()).isEmpty();
            });
  }

  @Test
  void rejectsAnInternalTopicWithASchemaAndAnEventTopicWithout(@TempDir Path dir)
      throws IOException {
    String head =
        "defaults: {partitions: 1, replicationFactor: 1, minInsyncReplicas: 1,"
            + " retentionMs: 1000, dlq: true}\ndlq: {suffix: .dlq, partitions: 1, retentionMs: 1000}\n";
    Files.writeString(
        dir.resolve("topics.yaml"),
        head
            + "topics:\n  - {name: ringrift.a.b, internal: true, schema: RoleChanged, key: ROLE}\n");
    assertThatThrownBy(() -> TopicCatalog.load(ConfigSource.directory(dir)))
        .hasMessageContaining("topics[0].schema")
        .hasMessageContaining("an internal topic carries no event");
    Files.writeString(
        dir.resolve("topics.yaml"), head + "topics:\n  - {name: ringrift.a.b, key: ROLE}\n");
    assertThatThrownBy(() -> TopicCatalog.load(ConfigSource.directory(dir)))
        .hasMessageContaining("topics[0].schema");
  }

  @Test
  void findsTopicsByEventClassNotByString() {
    assertThat(catalog.topicFor(TrainingCompleted.class).name())
        .isEqualTo("ringrift.training.completed");
    assertThat(catalog.topicFor(TrainingSignal.class).kind()).isEqualTo(TopicKind.STATE);
    assertThat(catalog.topicForType("TrainingCompleted"))
        .contains(catalog.topicFor(TrainingCompleted.class));
    assertThatThrownBy(() -> catalog.topic("ringrift.nope"))
        .hasMessageContaining("unknown topic 'ringrift.nope'");
  }

  @Test
  void theEventContractDocumentsEveryEventAndStateTopic() throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/event-contract.md"));
    for (TopicSpec topic : catalog.topics()) {
      if (topic.kind() != TopicKind.DLQ) {
        assertThat(readme)
            .as("docs/event-contract.md's topic catalog")
            .contains("`" + topic.name() + "`");
      }
      if (topic.kind() == TopicKind.EVENT || topic.kind() == TopicKind.STATE) {
        assertThat(readme).contains("`" + topic.valueType().orElseThrow().getSimpleName() + "`");
      }
    }
  }

  @Test
  void packagedCatalogIsTheRepositoryCatalog() {
    assertThat(TopicCatalog.packaged().topics()).isEqualTo(catalog.topics());
  }

  @Test
  void productionReplicationRaisesMinInsyncReplicas() {
    TopicCatalog production = catalog.withReplication((short) 3, 2);
    assertThat(production.topics())
        .allSatisfy(
            t -> {
              assertThat(t.replicationFactor()).isEqualTo((short) 3);
              assertThat(t.configs()).containsEntry("min.insync.replicas", "2");
            });
    assertThatThrownBy(() -> catalog.withReplication((short) 3, 4))
        .hasMessageContaining("min.insync.replicas");
  }

  /**
   * Full names of the records declared at the top level of schemas/*.avsc (shared types live in
   * common/).
   */
  static List<String> topLevelSchemaNames() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(ROOT.resolve("schemas"))) {
      return files
          .filter(p -> p.toString().endsWith(".avsc"))
          .map(
              p -> {
                try {
                  var node = json.readTree(p.toFile());
                  return node.get("namespace").asText() + "." + node.get("name").asText();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sorted()
          .toList();
    }
  }
}
