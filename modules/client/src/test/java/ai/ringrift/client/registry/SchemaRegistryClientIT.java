package ai.ringrift.client.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The same client against the embedded registry on a real broker. */
@WithKafkaCluster
class SchemaRegistryClientIT {
  static Schema thing(String extraField) {
    return new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"ai.ringrift.test\",\"fields\":"
                + "[{\"name\":\"id\",\"type\":\"string\"}"
                + extraField
                + "]}");
  }

  static final Schema V1 = thing("");
  static final Schema V2 = thing(",{\"name\":\"score\",\"type\":\"double\",\"default\":0.0}");
  static final Schema BREAKS = thing(",{\"name\":\"score\",\"type\":\"double\"}");

  @Test
  void registersLooksUpAndListsLikeConfluent(KafkaCluster cluster) {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String subject = "client-it-" + System.nanoTime() + "-value";

    int id = client.register(subject, V1);
    assertThat(client.testCompatibility(subject, V2).compatible()).isTrue();
    CompatibilityResult breaks = client.testCompatibility(subject, BREAKS);
    assertThat(breaks.compatible()).isFalse();
    assertThat(breaks.messages()).anySatisfy(m -> assertThat(m).contains("field 'score'"));
    int second = client.register(subject, V2);

    assertThat(
            new SchemaRegistryClient(RegistryClientConfig.of(cluster.registryUrl())).schemaById(id))
        .isEqualTo(V1);
    assertThat(client.lookup(subject, V1))
        .isEqualTo(new RegisteredSchema(subject, 1, id, V1.toString()));
    assertThat(client.latest(subject).id()).isEqualTo(second);
    assertThat(client.version(subject, 1).schema()).isEqualTo(V1.toString());
    assertThat(client.versions(subject)).containsExactly(1, 2);
    assertThat(client.subjects()).contains(subject);
  }

  @Test
  void typesTheEmbeddedRegistrysErrors(KafkaCluster cluster) {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String subject = "client-it-errors-" + System.nanoTime() + "-value";

    assertThatThrownBy(() -> client.latest(subject))
        .isInstanceOf(SchemaRegistryException.SubjectNotFound.class);
    client.register(subject, V1);
    assertThatThrownBy(() -> client.register(subject, BREAKS))
        .isInstanceOf(SchemaRegistryException.IncompatibleSchema.class)
        .hasMessageContaining("field 'score'")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
    assertThatThrownBy(() -> client.version(subject, 9))
        .isInstanceOf(SchemaRegistryException.VersionNotFound.class);
    assertThatThrownBy(() -> client.schemaById(987_654))
        .isInstanceOf(SchemaRegistryException.SchemaNotFound.class);
    assertThatThrownBy(() -> client.lookup(subject, V2))
        .isInstanceOf(SchemaRegistryException.SchemaNotFound.class);
    assertThatThrownBy(() -> client.setCompatibility(subject, "SIDEWAYS"))
        .isInstanceOf(SchemaRegistryException.InvalidCompatibilityLevel.class);
  }

  @Test
  void getsAndSetsLevels(KafkaCluster cluster) {
    SchemaRegistryClient client = SchemaRegistryClient.of(cluster.registryUrl());
    String subject = "client-it-config-" + System.nanoTime() + "-value";

    assertThat(client.globalCompatibility()).isEqualTo("BACKWARD");
    assertThat(client.subjectCompatibility(subject)).isEmpty();
    assertThat(client.setCompatibility(subject, "NONE")).isEqualTo("NONE");
    assertThat(client.subjectCompatibility(subject)).contains("NONE");
    client.register(subject, V1);
    assertThat(client.register(subject, BREAKS)).isPositive();
  }
}
