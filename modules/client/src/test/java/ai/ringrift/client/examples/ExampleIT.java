package ai.ringrift.client.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.ClientFixtures;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of docs/trainer-authors.md "Publishing from a trainer" runs as written. */
@WithKafkaCluster
class ExampleIT {
  @Test
  void theTrainerExampleIsHandledByItsDashboardInOrder(KafkaCluster cluster) throws Exception {
    List<String> handled = TrainerExample.run(ClientFixtures.kafka(cluster));

    assertThat(handled).contains("completed model-42").hasSize(4);
    assertThat(handled.stream().filter(h -> h.startsWith("progress")))
        .containsExactly("progress 1/3", "progress 2/3", "progress 3/3");
  }
}
