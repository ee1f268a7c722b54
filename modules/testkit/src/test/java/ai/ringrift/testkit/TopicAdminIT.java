package ai.ringrift.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.catalog.ApplyResult;
import ai.ringrift.events.catalog.TopicAdmin;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicDrift;
import ai.ringrift.events.catalog.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@WithKafkaCluster(applyCatalog = false, schemaRegistry = false)
class TopicAdminIT {
  @Test
  void createsTheCatalogAndAppliesNothingTheSecondTime(KafkaCluster cluster) throws Exception {
    TopicCatalog catalog = cluster.catalog();
    TopicAdmin topics = new TopicAdmin(cluster.admin(), Duration.ofSeconds(60));

    ApplyResult first = topics.apply(catalog);
    assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names(catalog));
    assertThat(first.drift()).isEmpty();

    ApplyResult second = topics.apply(catalog);
    assertThat(second.created()).isEmpty();
    assertThat(second.drift()).isEmpty();
    assertThat(second.isNoop()).isTrue();
    assertThat(second.unchanged()).containsExactlyInAnyOrderElementsOf(names(catalog));

    Map<String, TopicDescription> described =
        cluster.admin().describeTopics(names(catalog)).allTopicNames().get();
    for (TopicSpec spec : catalog.topics()) {
      TopicDescription d = described.get(spec.name());
      assertThat(d.partitions()).as(spec.name()).hasSize(spec.partitions());
      assertThat(d.partitions()).allSatisfy(p -> assertThat(p.leader()).isNotNull());
    }

    reportsDriftWithoutFixingItAndNeverDeletes(cluster, topics, catalog);
  }

  private void reportsDriftWithoutFixingItAndNeverDeletes(
      KafkaCluster cluster, TopicAdmin topics, TopicCatalog catalog) throws Exception {
    String grown = "ringrift.training.completed";
    String retuned = "ringrift.sync.completed";
    cluster.growPartitions(grown, 8);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, retuned);
    cluster
        .admin()
        .incrementalAlterConfigs(
            Map.of(
                resource,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET))))
        .all()
        .get();
    String foreign = cluster.newTopic("not-in-catalog", 1);

    ApplyResult result = topics.apply(catalog);

    assertThat(result.created()).isEmpty();
    assertThat(result.drift())
        .containsExactlyInAnyOrder(
            new TopicDrift(grown, "partitions", "6", "8"),
            new TopicDrift(retuned, "retention.ms", "604800000", "1000"));
    assertThat(
            cluster
                .admin()
                .describeTopics(Set.of(grown))
                .allTopicNames()
                .get()
                .get(grown)
                .partitions())
        .as("drift is reported, not fixed")
        .hasSize(8);
    assertThat(cluster.admin().listTopics().names().get()).contains(foreign);
    assertThat(topics.plan(catalog).drift()).hasSize(2);
  }

  private static List<String> names(TopicCatalog catalog) {
    return catalog.topics().stream().map(TopicSpec::name).toList();
  }

  @Test
  void aClusterWithoutRegistrySaysSoWhenAskedForIt(KafkaCluster cluster) {
    assertThat(cluster.schemaRegistry()).isEmpty();
    assertThat(cluster.environment()).doesNotContainKey("RINGRIFT_SCHEMA_REGISTRY_URL");
    org.assertj.core.api.Assertions.assertThatThrownBy(cluster::registryUrl)
        .hasMessageContaining("schemaRegistry = false");
  }
}
