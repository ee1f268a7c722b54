package ai.ringrift.simulation.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.simulation.SimulatedActions;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.evaluation.EvaluationConfig;
import ai.ringrift.stages.evaluation.EvaluationService;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the evaluation stage in one consumer group share the configs by partitions: each
 * config's trigger is run once, by the instance that owns its partition.
 */
@WithKafkaCluster
class StagePartitionsIT {
  static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;

  /** One instance: its runtime (its instance id), support and service. */
  record Instance(ServiceRuntime runtime, StageSupport support, EvaluationService service)
      implements AutoCloseable {
    static Instance start(String name, KafkaSettings kafka, EvaluationConfig evaluation)
        throws InterruptedException {
      ServiceRuntime runtime = ItSupport.runtime(name);
      ServiceContext context =
          ItSupport.context(ConfigSource.directory(ItSupport.REPOSITORY_CONFIG), kafka, runtime);
      StageSettings base = ItSupport.repositorySettings();
      StageSupport support = StageSupport.open(context, "share.", Clock.systemUTC());
      EvaluationService service =
          new EvaluationService(
                  evaluation,
                  base.runs(),
                  Actions.none().with(SimulatedActions.of(ItSimulation.settings())),
                  support)
              .start();
      return new Instance(runtime, support, service);
    }

    @Override
    public void close() {
      service.close();
      support.close();
      runtime.close();
    }
  }

  @Test
  void twoInstancesShareTheConfigsByPartitionsAndRunEachTriggerOnce(KafkaCluster cluster)
      throws Exception {
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    EvaluationConfig evaluation = passingGauntlet();
    try (Instance a = Instance.start("evaluation-a", kafka, evaluation);
        Instance b = Instance.start("evaluation-b", kafka, evaluation);
        ServiceRuntime runtime = ItSupport.runtime("partitions-it")) {
      ServiceContext context =
          ItSupport.context(ConfigSource.directory(ItSupport.REPOSITORY_CONFIG), kafka, runtime);
      String topic = context.catalog().topicFor(TrainingCompleted.class).name();
      int partitions = context.catalog().topicFor(TrainingCompleted.class).partitions();
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  !a.service().assignment().isEmpty()
                      && !b.service().assignment().isEmpty()
                      && a.service().assignment().size() + b.service().assignment().size()
                          == partitions);
      Set<TopicPartition> ofA = Set.copyOf(a.service().assignment());

      List<ConfigKey> configs = ConfigKeys.all();
      try (EventPublisher publisher = ItSupport.publisher(context, "partitions-it")) {
        for (ConfigKey config : configs) {
          ItSupport.trained(publisher, config, "model-" + ConfigKeys.format(config));
        }
      }
      await()
          .atMost(DEADLINE)
          .until(() -> ItSupport.read(context, EvaluationCompleted.class).size() == configs.size());

      Map<ConfigKey, Integer> partitionOf = new HashMap<>();
      for (ConsumerRecord<String, TrainingCompleted> r :
          TopicSnapshot.read(
              kafka,
              topic,
              context.serdes().key().deserializer(),
              context.serdes().value(TrainingCompleted.class).deserializer(),
              Duration.ofSeconds(30))) {
        partitionOf.put(r.value().getConfig(), r.partition());
      }
      Set<String> ran = new HashSet<>();
      for (ConfigKey config : configs) {
        List<StageRun> started =
            ItSupport.runs(context, StageSupport.key(config, Stage.EVALUATION)).stream()
                .filter(r -> r.getStatus() == RunStatus.STARTED)
                .toList();
        assertThat(started).as(ConfigKeys.format(config) + " started once").hasSize(1);
        boolean ownedByA = ofA.contains(new TopicPartition(topic, partitionOf.get(config)));
        String owner = (ownedByA ? a : b).runtime().instanceId();
        assertThat(started.get(0).getInstance()).as(ConfigKeys.format(config)).isEqualTo(owner);
        ran.add(owner);
      }
      assertThat(ran).as("both instances ran triggers").hasSize(2);
      assertThat(Files.readAllLines(dir.resolve("runs")))
          .hasSize(configs.size())
          .doesNotHaveDuplicates();
    }
  }

  /** A gauntlet command that passes (flaky-evaluator.sh with its pass file present). */
  private EvaluationConfig passingGauntlet() throws Exception {
    Path script = dir.resolve("flaky-evaluator.sh");
    Files.copy(Path.of("src/test/resources/stages/flaky-evaluator.sh"), script);
    Path pass = Files.writeString(dir.resolve("pass"), "pass");
    String template =
        "sh " + script + " " + dir.resolve("runs") + " " + pass + " {model_id} {run_id}";
    return new EvaluationConfig(
        new ActionSpec(
            ActionKind.COMMAND,
            new CommandSpec(template, 30, null, Map.of(), dir.resolve("logs").toString(), null, 1)),
        Map.of(2, 50, 3, 70, 4, 100),
        200);
  }
}
