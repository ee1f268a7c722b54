package ai.ringrift.admin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafkaCluster(applyCatalog = false, schemaRegistry = false)
class ClusterStatusCommandIT {
  @Test
  void showsBrokersPartitionHealthAndGroupLag(KafkaCluster cluster) throws Exception {
    String topic = cluster.newTopic("lagging", 1);
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get();
      }
    }
    try (var consumer =
        new KafkaConsumer<>(
            cluster.consumerConfig("trainer-service"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)));
    }

    Cli.Result table = Cli.against(cluster.bootstrapServers(), "cluster", "status");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out())
        .containsPattern("cluster \\S+, controller \\d+, 1 brokers")
        .contains("1 partitions, 0 under-replicated, 0 offline")
        .containsPattern("trainer-service\\s+\\S+\\s+0\\s+3");

    Cli.Result json =
        Cli.against(cluster.bootstrapServers(), "cluster", "status", "--output", "json");
    assertThat(json.out()).contains("\"group\" : \"trainer-service\"").contains("\"lag\" : 3");
    assertThat(List.of(json.err())).containsExactly("");
  }

  @Test
  void anUnreachableClusterIsOneLine() {
    Cli.Result result = Cli.against("localhost:1", "cluster", "status");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("ringrift status: cannot reach Kafka at localhost:1");
  }
}
