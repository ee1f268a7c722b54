package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The framed bytes are exactly Confluent's format around what Avro's own encoder writes, whatever
 * the reusable per-thread buffer went through before: the wire format must not depend on it.
 */
class ConfluentWireTest {
  private static final int ID = 0x01020304;

  @Test
  void everyEventTypeIsFramedAroundAvrosOwnEncoding() throws IOException {
    List<Class<? extends SpecificRecord>> types = TopicCatalog.packaged().valueTypes();
    assertThat(types).hasSizeGreaterThanOrEqualTo(25);
    for (Class<? extends SpecificRecord> type : types) {
      for (int seed = 1; seed <= 3; seed++) {
        SpecificRecord event = SampleEvents.of(type, seed);
        assertThat(framed(event)).as(type.getSimpleName()).isEqualTo(reference(event));
      }
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNothingForTheNextRecord() throws IOException {
    TrainingCompleted broken = SampleEvents.of(TrainingCompleted.class, 1);
    set(broken, "model_path", null); // required: Avro fails after writing the fields before it
    assertThatThrownBy(() -> framed(broken)).isInstanceOf(NullPointerException.class);

    TrainingCompleted good = SampleEvents.of(TrainingCompleted.class, 2);
    assertThat(framed(good)).isEqualTo(reference(good));
  }

  @Test
  void aRecordLargerThanTheBufferIsWrittenWholeAndTheNextOneStillFits() throws IOException {
    TrainingCompleted large = SampleEvents.of(TrainingCompleted.class, 3);
    set(large, "model_path", "m".repeat(300_000));
    assertThat(framed(large)).isEqualTo(reference(large));

    TrainingCompleted small = SampleEvents.of(TrainingCompleted.class, 4);
    assertThat(framed(small)).isEqualTo(reference(small));
  }

  @Test
  void aNestedWriteOnTheSameThreadGetsItsOwnBuffer() throws IOException {
    TrainingCompleted inner = SampleEvents.of(TrainingCompleted.class, 5);
    TrainingCompleted outer = SampleEvents.of(TrainingCompleted.class, 6);
    DatumWriter<TrainingCompleted> plain = writer(outer);
    byte[][] innerBytes = new byte[1][];
    DatumWriter<TrainingCompleted> nesting =
        new DatumWriter<>() {
          @Override
          public void setSchema(org.apache.avro.Schema schema) {}

          @Override
          public void write(TrainingCompleted datum, org.apache.avro.io.Encoder out)
              throws IOException {
            innerBytes[0] = ConfluentWire.write(ID, plain, inner);
            plain.write(datum, out);
          }
        };

    assertThat(ConfluentWire.write(ID, nesting, outer)).isEqualTo(reference(outer));
    assertThat(innerBytes[0]).isEqualTo(reference(inner));
  }

  private static void set(SpecificRecord event, String field, Object value) {
    event.put(event.getSchema().getField(field).pos(), value);
  }

  private static <T extends SpecificRecord> byte[] framed(T event) {
    return ConfluentWire.write(ID, writer(event), event);
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> DatumWriter<T> writer(T event) {
    return new SpecificDatumWriter<>((Class<T>) event.getClass());
  }

  /** Confluent's framing around Avro's unbuffered encoder, the way the serde wrote it before. */
  private static <T extends SpecificRecord> byte[] reference(T event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, 1, 2, 3, 4});
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer(event).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
