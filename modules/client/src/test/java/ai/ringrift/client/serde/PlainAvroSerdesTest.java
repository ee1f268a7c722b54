package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.SampleEvents;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PlainAvroSerdesTest {
  static final String TOPIC = "ringrift.training.completed";
  final EventSerdes serdes = EventSerdes.plainAvro(TopicCatalog.packaged());
  final Serde<TrainingCompleted> serde = serdes.value(TrainingCompleted.class);

  @Test
  void roundTripsEveryField() {
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 7);
    byte[] bytes = serde.serializer().serialize(TOPIC, event);
    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(event);
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void rejectsTruncatedValueNamingTopicAndType() {
    byte[] bytes = serde.serializer().serialize(TOPIC, SampleEvents.of(TrainingCompleted.class, 1));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("on topic " + TOPIC)
        .hasMessageContaining("not valid Avro for TrainingCompleted");
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] bytes = serde.serializer().serialize(TOPIC, SampleEvents.of(TrainingCompleted.class, 1));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, longer))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("left over");
  }

  @Test
  void keysMustHaveTheTopicsKeyForm() {
    assertThat(serdes.key().deserializer().deserialize(TOPIC, "hex8_4p".getBytes()))
        .isEqualTo("hex8_4p");
    assertThatThrownBy(
            () -> serdes.key().deserializer().deserialize(TOPIC, "gpu-node-3".getBytes()))
        .isInstanceOf(EventDecodingException.class)
        .hasMessage(
            "cannot decode record on topic "
                + TOPIC
                + ": key 'gpu-node-3' is not a config key like square8_2p");
    assertThatThrownBy(() -> serdes.key().serializer().serialize(TOPIC, null))
        .hasMessageContaining("has no key");
    assertThat(serdes.key().deserializer().deserialize("some-changelog", "anything".getBytes()))
        .isEqualTo("anything");
  }
}
