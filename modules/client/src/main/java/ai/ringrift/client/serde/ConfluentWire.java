package ai.ringrift.client.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;

/** Confluent's wire format: byte {@code 0x00}, the schema id as 4 big-endian bytes, the datum. */
final class ConfluentWire {
  static final byte MAGIC = 0x0;
  static final int HEADER = 5;

  private ConfluentWire() {}

  static <T> byte[] write(int schemaId, DatumWriter<T> writer, T datum) {
    EncodeBuffer out = EncodeBuffer.claim();
    try {
      out.write(MAGIC); // the encoder is empty until the datum: the header goes first
      out.write(schemaId >>> 24);
      out.write(schemaId >>> 16);
      out.write(schemaId >>> 8);
      out.write(schemaId);
      writer.write(datum, out.encoder);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.release();
    }
  }

  /** The schema id of a framed record; refuses bytes that are not framed. */
  static int schemaId(String topic, byte[] data) {
    if (data.length < HEADER) {
      throw new WireFormatException(
          topic,
          "record of "
              + data.length
              + " bytes is too short for the Confluent wire format (magic byte 0 and a 4-byte"
              + " schema id before the Avro datum)");
    }
    if (data[0] != MAGIC) {
      throw new WireFormatException(
          topic,
          String.format(
              "magic byte is 0x%02x, not 0x00: not Confluent-framed Avro (written by another"
                  + " serializer?)",
              data[0]));
    }
    return ((data[1] & 0xff) << 24)
        | ((data[2] & 0xff) << 16)
        | ((data[3] & 0xff) << 8)
        | (data[4] & 0xff);
  }

  /** A bounded decoder over the datum after the header. */
  static BoundedDecoder datum(byte[] data) {
    return new BoundedDecoder(
        DecoderFactory.get().binaryDecoder(data, HEADER, data.length - HEADER, null),
        data.length - HEADER);
  }
}
