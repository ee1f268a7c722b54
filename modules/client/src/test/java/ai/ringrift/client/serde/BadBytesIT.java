package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Bad bytes on a topic never crash a consumer: each is a typed error, the good record follows. */
@WithKafkaCluster
class BadBytesIT {
  @Test
  void everyKindOfBadRecordIsATypedErrorAndTheConsumerGoesOn(KafkaCluster cluster)
      throws Exception {
    EventSerdes serdes =
        EventSerdes.from(KafkaSettings.fromEnvironment(cluster.environment()), cluster.catalog());
    Serde<TrainingCompleted> serde = serdes.value(TrainingCompleted.class);
    String topic = cluster.newTopic("bad-bytes", 1);
    TrainingCompleted good = SampleEvents.of(TrainingCompleted.class, 3);
    byte[] valid = serde.serializer().serialize(topic, good);
    byte[] header = Arrays.copyOf(valid, 5);

    List<byte[]> bad =
        List.of(
            new byte[0],
            new byte[] {0, 0, 1},
            withMagic(valid, (byte) 1),
            "{\"json\": \"is not avro\"}".getBytes(),
            Arrays.copyOf(valid, valid.length / 2),
            Arrays.copyOf(valid, valid.length + 3),
            concat(header, varLong(2_000_000_000L)), // a 2 GB string: must not be allocated
            concat(header, varLong(-7)));
    List<byte[]> all = new ArrayList<>(bad);
    all.add(valid);
    RegistryConsumers.sendRaw(cluster, topic, all);

    List<RecordDeserializationException> errors = new ArrayList<>();
    List<TrainingCompleted> read =
        RegistryConsumers.read(cluster, topic, serde.deserializer(), errors);

    assertThat(read).containsExactly(good);
    assertThat(errors).hasSize(bad.size());
    assertThat(errors)
        .allSatisfy(
            e ->
                assertThat(e.getCause())
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("on topic " + topic));
    assertThat(errors.get(2).getCause()).hasMessageContaining("magic byte is 0x01");
    assertThat(errors.get(6).getCause()).hasMessageContaining("impossible");
  }

  private static byte[] withMagic(byte[] bytes, byte magic) {
    byte[] copy = bytes.clone();
    copy[0] = magic;
    return copy;
  }

  private static byte[] varLong(long value) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    encoder.writeLong(value);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
