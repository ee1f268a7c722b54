package ai.ringrift.streams.common;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.json.AvroJson;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.streams.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  @Test
  void aDecodedArrayIsAListOfMapsNotItsText() throws IOException {
    EvaluationCompleted decoded =
        roundTrip(TestEvents.evaluation("square8_2p", "m1", 1600, Instant.now()).build());

    Object baselines = AvroJson.toMap(decoded).get("baselines");

    assertThat(baselines).isInstanceOf(List.class);
    assertThat(((List<?>) baselines).get(0)).isInstanceOf(Map.class);
  }

  private static EvaluationCompleted roundTrip(EvaluationCompleted event) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(EvaluationCompleted.class).write(event, encoder);
    encoder.flush();
    return new SpecificDatumReader<>(EvaluationCompleted.class)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }
}
