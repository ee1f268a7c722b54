package ai.ringrift.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.action.SimulationNotice;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.export.ExportService;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.stages.training.TrainingService;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage service started as a daemon (what `ringrift launch` does) with a SIMULATION action says
 * so on /health (and in a WARN line, the same text); with the shipped COMMAND actions it says
 * nothing of the kind.
 */
@WithKafkaCluster
class SimulationWarningIT {
  @TempDir Path dir;

  @Test
  void aStageStartedWithTheSimulationSaysSoOnHealth(KafkaCluster cluster) throws Exception {
    ConfigSource simulated =
        ItSupport.configCopy(
            dir.resolve("simulated"),
            Map.of("stages.yaml", t -> t.replace("kind: COMMAND", "kind: SIMULATION")));
    SortedMap<String, HealthCheck.Result> health = healthAfterStarting(cluster, simulated);
    for (String stage : new String[] {"export", "training", "evaluation"}) {
      assertThat(health).containsKey("simulation." + stage + ".action");
      HealthCheck.Result notice = health.get("simulation." + stage + ".action");
      assertThat(notice.isHealthy()).isTrue();
      assertThat(notice.getMessage())
          .startsWith("SIMULATION: " + stage + ".action runs the simulated RingRift workload")
          .contains("set " + stage + ".action.kind: COMMAND");
    }
  }

  @Test
  void theShippedCommandActionsAnnounceNoSimulation(KafkaCluster cluster) throws Exception {
    ConfigSource shipped = ItSupport.configCopy(dir.resolve("shipped"), Map.of());
    assertThat(healthAfterStarting(cluster, shipped).keySet())
        .noneMatch(name -> name.startsWith(SimulationNotice.CHECK_PREFIX));
  }

  private static SortedMap<String, HealthCheck.Result> healthAfterStarting(
      KafkaCluster cluster, ConfigSource config) throws Exception {
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    try (ServiceRuntime runtime = ItSupport.runtime("simulation-warning-it")) {
      ServiceContext context = ItSupport.context(config, kafka, runtime);
      try (ExportService export = ExportService.create(context);
          TrainingService training = TrainingService.create(context);
          EvaluationService evaluation = EvaluationService.create(context)) {
        return runtime.runHealthChecks();
      }
    }
  }
}
