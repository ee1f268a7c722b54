package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * A record's bytes tell which wire format wrote them, and a reader of the other format says so as a
 * configuration error, not as bad data.
 */
class FramingTest {
  static final String TOPIC = "ringrift.training.completed";
  static final EventSerdes PLAIN = EventSerdes.plainAvro(TopicCatalog.packaged());

  @Test
  void tellsPlainFromFramedRecords() {
    byte[] plain = plain(SampleEvents.of(TrainingCompleted.class, 3));
    Schema schema = TrainingCompleted.getClassSchema();

    assertThat(Framing.of(plain, schema)).contains(WireFormat.PLAIN);
    assertThat(Framing.of(framed(7, plain), schema)).contains(WireFormat.REGISTRY);
  }

  @Test
  void aStateRecordWhosePlainBytesStartWithZeroIsStillTold() {
    // ConfigKey comes first and SQUARE8 is enum index 0: a plain record starting with byte 0
    ModelRegistryEntry entry = SampleEvents.of(ModelRegistryEntry.class, 1);
    byte[] plain = plain(entry);
    Schema schema = ModelRegistryEntry.getClassSchema();
    assertThat(plain[0]).isZero();

    assertThat(Framing.of(plain, schema)).contains(WireFormat.PLAIN);
    assertThat(Framing.of(framed(12, plain), schema)).contains(WireFormat.REGISTRY);
  }

  @Test
  void badBytesShowNoFormat() {
    Schema schema = TrainingCompleted.getClassSchema();
    byte[] plain = plain(SampleEvents.of(TrainingCompleted.class, 3));

    assertThat(Framing.of("{\"json\": 1}".getBytes(StandardCharsets.UTF_8), schema)).isEmpty();
    assertThat(Framing.of(Arrays.copyOf(plain, plain.length / 2), schema)).isEmpty();
    assertThat(Framing.of(framed(7, Arrays.copyOf(plain, plain.length - 1)), schema)).isEmpty();
    assertThat(Framing.of(new byte[0], schema)).isEmpty();
  }

  @Test
  void aPlainReaderMeetingAFramedRecordFailsNamingTheSetting() {
    byte[] framed = framed(7, plain(SampleEvents.of(TrainingCompleted.class, 3)));

    assertThatThrownBy(
            () -> PLAIN.value(TrainingCompleted.class).deserializer().deserialize(TOPIC, framed))
        .isInstanceOf(WireFormatMismatchException.class)
        .hasMessageStartingWith(
            "topic "
                + TOPIC
                + " holds Confluent-framed Avro (byte 0 and a schema id before the datum) but this"
                + " client reads plain Avro (the datum alone); set wire.format (config/client.yaml,"
                + " or RINGRIFT_WIRE_FORMAT) to registry")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void aPlainReaderMeetingBadBytesStillCallsThemPoison() {
    byte[] plain = plain(SampleEvents.of(TrainingCompleted.class, 3));
    byte[] truncatedFrame = framed(7, Arrays.copyOf(plain, plain.length - 2));

    assertThatThrownBy(
            () ->
                PLAIN
                    .value(TrainingCompleted.class)
                    .deserializer()
                    .deserialize(TOPIC, truncatedFrame))
        .isInstanceOf(EventDecodingException.class);
  }

  static byte[] plain(SpecificRecord event) {
    @SuppressWarnings("unchecked")
    Class<SpecificRecord> type = (Class<SpecificRecord>) event.getClass();
    return PLAIN.value(type).serializer().serialize(TOPIC, event);
  }

  static byte[] framed(int schemaId, byte[] datum) {
    byte[] framed = new byte[datum.length + ConfluentWire.HEADER];
    framed[0] = ConfluentWire.MAGIC;
    framed[1] = (byte) (schemaId >>> 24);
    framed[2] = (byte) (schemaId >>> 16);
    framed[3] = (byte) (schemaId >>> 8);
    framed[4] = (byte) schemaId;
    System.arraycopy(datum, 0, framed, ConfluentWire.HEADER, datum.length);
    return framed;
  }
}
