package ai.ringrift.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.catalog.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafkaCluster
class KafkaClusterIT {
  private final KafkaCluster cluster;

  KafkaClusterIT(KafkaCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void injectsTheSameClusterIntoConstructorAndMethods(KafkaCluster parameter) {
    assertThat(parameter).isSameAs(cluster);
  }

  @Test
  void startsASchemaRegistryStoringItsSchemasInTheCluster() throws Exception {
    java.net.http.HttpResponse<String> config =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(cluster.registryUrl() + "/config"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(config.body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(cluster.admin().listTopics().names().get()).contains("_schemas");
    assertThat(cluster.environment())
        .containsEntry("RINGRIFT_BOOTSTRAP_SERVERS", cluster.bootstrapServers())
        .containsEntry("RINGRIFT_SCHEMA_REGISTRY_URL", cluster.registryUrl());
  }

  @Test
  void appliesTheCatalogWithALeaderForEveryPartition() throws Exception {
    List<String> names = cluster.catalog().topics().stream().map(TopicSpec::name).toList();
    Map<String, TopicDescription> topics =
        cluster.admin().describeTopics(names).allTopicNames().get();
    assertThat(topics).hasSize(names.size());
    topics
        .values()
        .forEach(
            t -> assertThat(t.partitions()).allSatisfy(p -> assertThat(p.leader()).isNotNull()));
  }

  @Test
  void refusesToAutoCreateTopics() throws Exception {
    assertThat(cluster.admin().describeCluster().nodes().get()).hasSize(1);
    String topic = cluster.newTopic("roundtrip", 2);
    try (var producer =
            new KafkaProducer<>(
                cluster.producerConfig(), new StringSerializer(), new StringSerializer());
        var consumer =
            new KafkaConsumer<>(
                cluster.consumerConfig("g"), new StringDeserializer(), new StringDeserializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get();
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> got = new java.util.ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (got.isEmpty() && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      assertThat(got).extracting(ConsumerRecord::value).containsExactly("v");
    }
    assertThat(cluster.admin().listTopics().names().get()).doesNotContain("never-created");
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                "bootstrap.servers", cluster.bootstrapServers(), "max.block.ms", 1000),
            new StringSerializer(),
            new StringSerializer())) {
      var future = producer.send(new ProducerRecord<>("never-created", "k", "v"));
      org.assertj.core.api.Assertions.assertThatThrownBy(future::get)
          .hasMessageContaining("never-created");
    }
    assertThat(cluster.admin().listTopics().names().get()).doesNotContain("never-created");
  }
}
