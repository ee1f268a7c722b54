package ai.ringrift.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.metrics.MetricNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every name the platform makes maps to one metric family with its variable parts as labels. */
class MetricLabelsTest {
  @Test
  void theClientsNamesBecomeFamiliesWithLabels() {
    String group = "ringrift.stage.selfplay-sync";
    assertMapped(
        MetricNames.published("TrainingCompleted"),
        "ringrift.publisher.published",
        List.of("type"),
        List.of("TrainingCompleted"));
    assertMapped(
        MetricNames.publishFailed("ModelPromoted"),
        "ringrift.publisher.failed",
        List.of("type"),
        List.of("ModelPromoted"));
    assertMapped(
        MetricNames.lag(group, "ringrift.model.rolled-back", 5),
        "ringrift.subscriber.lag",
        List.of("subscriber", "topic", "partition"),
        List.of(group, "ringrift.model.rolled-back", "5"));
    assertMapped(
        MetricNames.deadLettered(group, "SyncRequested"),
        "ringrift.subscriber.dead-lettered",
        List.of("subscriber", "type"),
        List.of(group, "SyncRequested"));
    assertMapped(
        MetricNames.handlerTimer("trainer", "TrainingSignal"),
        "ringrift.subscriber.handler.seconds",
        List.of("subscriber", "type"),
        List.of("trainer", "TrainingSignal"));
  }

  @Test
  void aLagNameWhoseTopicEndsLikeAnotherFamilyIsStillLag() {
    assertMapped(
        MetricNames.lag("trainer", "ringrift.x.failed", 0),
        "ringrift.subscriber.lag",
        List.of("subscriber", "topic", "partition"),
        List.of("trainer", "ringrift.x.failed", "0"));
  }

  @Test
  void theStagesNamesBecomeFamiliesWithLabels() {
    assertMapped(
        "ringrift.stage.selfplay-sync.runs.gave-up",
        "ringrift.stage.runs.gave-up",
        List.of("stage"),
        List.of("selfplay-sync"));
    assertMapped(
        "ringrift.stage.training.config.hex8_2p.succeeded",
        "ringrift.stage.config.succeeded",
        List.of("stage", "config"),
        List.of("training", "hex8_2p"));
    assertMapped(
        "ringrift.stage.export.action",
        "ringrift.stage.action.seconds",
        List.of("stage"),
        List.of("export"));
  }

  @Test
  void anUnknownNameKeepsItsNameWithoutLabels() {
    assertMapped("some.other.metric", "some.other.metric", List.of(), List.of());
    assertThat(MetricLabels.underscored("ringrift.stage.runs.gave-up"))
        .isEqualTo("ringrift_stage_runs_gave_up");
  }

  private static void assertMapped(
      String name, String family, List<String> labels, List<String> values) {
    assertThat(MetricLabels.map(name)).isEqualTo(new MetricLabels.Mapped(family, labels, values));
  }
}
