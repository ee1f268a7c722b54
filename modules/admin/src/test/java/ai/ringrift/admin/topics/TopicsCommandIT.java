package ai.ringrift.admin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** `ringrift topics …` against a real broker that starts without the catalog. */
@WithKafkaCluster(applyCatalog = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsCommandIT {
  @Test
  @Order(1)
  void dryRunShowsWhatWouldBeCreatedAndCreatesNothing(KafkaCluster cluster) throws Exception {
    Cli.Result result = Cli.against(cluster.bootstrapServers(), "topics", "apply", "--dry-run");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("ringrift\\.training\\.completed\\s+would create")
        .contains("dry run: " + cluster.catalog().topics().size() + " created");
    assertThat(cluster.admin().listTopics().names().get())
        .noneMatch(t -> t.startsWith("ringrift."));
  }

  @Test
  @Order(2)
  void applyCreatesTheCatalogOnceAndThenChangesNothing(KafkaCluster cluster) {
    Cli.Result first = Cli.against(cluster.bootstrapServers(), "topics", "apply");
    assertThat(first.out())
        .contains(cluster.catalog().topics().size() + " created, 0 unchanged, 0 drifted");
    Cli.Result second =
        Cli.against(cluster.bootstrapServers(), "topics", "apply", "--output", "json");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("\"created\" : [ ]").contains("\"drift\" : [ ]");
    assertThat(Cli.against(cluster.bootstrapServers(), "topics", "diff").out())
        .isEqualTo("no differences: the cluster matches the catalog\n");
  }

  @Test
  @Order(3)
  void listAndDescribeShowTheContractAndThePartitions(KafkaCluster cluster) {
    Cli.Result list = Cli.against(cluster.bootstrapServers(), "topics", "list");
    assertThat(list.out())
        .containsPattern(
            "ringrift\\.state\\.models\\s+STATE\\s+ModelRegistryEntry\\s+CONFIG\\s+6\\s+yes");
    Cli.Result describe =
        Cli.against(
            cluster.bootstrapServers(), "topics", "describe", "ringrift.training.completed");
    assertThat(describe.exitCode()).isZero();
    assertThat(describe.out())
        .contains("value=TrainingCompleted  key=CONFIG  dlq=ringrift.training.completed.dlq")
        .containsPattern("(?m)^5\\s+\\d+\\s+\\d+\\s+\\d+\\s+0$");
  }

  @Test
  @Order(4)
  void diffReportsDriftAndExitsOneWhenAsked(KafkaCluster cluster) throws Exception {
    cluster.growPartitions("ringrift.sync.requested", 7);
    Cli.Result diff = Cli.against(cluster.bootstrapServers(), "topics", "diff", "--exit-code");
    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out()).containsPattern("ringrift\\.sync\\.requested\\s+partitions\\s+7\\s+6");
    Cli.Result apply = Cli.against(cluster.bootstrapServers(), "topics", "apply");
    assertThat(apply.out()).contains("0 created").contains("1 drifted");
  }

  @Test
  void describingAnUnknownTopicSaysSoInOneLine(KafkaCluster cluster) {
    Cli.Result result =
        Cli.against(cluster.bootstrapServers(), "topics", "describe", "ringrift.nope");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "ringrift describe: unknown topic 'ringrift.nope'; `ringrift topics list` shows the catalog\n");
  }

  @Test
  void anUnreachableBrokerIsOneLineAndExitOne() {
    Cli.Result result = Cli.against("localhost:1", "topics", "list");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err())
        .contains(
            "cannot reach Kafka at localhost:1 within 10 s; start it with `scripts/ringrift up` or pass --bootstrap-server");
  }

  @Test
  void aMisspelledOptionIsAUsageErrorWithExitTwo() {
    Cli.Result result = Cli.run("topics", "apply", "--dryrun");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--dryrun'");
    assertThat(List.of(result.out())).containsExactly("");
  }
}
