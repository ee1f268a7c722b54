package ai.ringrift.client.serde;

import java.io.IOException;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * Tells from a record's bytes which {@link WireFormat} wrote it, when the bytes say so: framed when
 * byte 0 and a schema id precede a whole datum of the topic's schema, plain when the bytes alone
 * are one. Used where a record did not decode (is it bad, or written in the other format?) and at
 * start, on the latest records of a topic.
 */
public final class Framing {
  private Framing() {}

  /**
   * The format of {@code value}, a record of {@code schema}; empty when the bytes fit both formats
   * or neither (bad bytes, or a writer schema this reader cannot tell apart).
   */
  public static Optional<WireFormat> of(byte[] value, Schema schema) {
    if (value == null || schema == null) {
      return Optional.empty();
    }
    boolean framed =
        value.length >= ConfluentWire.HEADER
            && value[0] == ConfluentWire.MAGIC
            && decodesWhole(value, ConfluentWire.HEADER, schema);
    boolean plain = decodesWhole(value, 0, schema);
    if (framed == plain) {
      return Optional.empty();
    }
    return Optional.of(framed ? WireFormat.REGISTRY : WireFormat.PLAIN);
  }

  /**
   * Fails with a {@link WireFormatMismatchException} when {@code value}, which a reader of {@code
   * format} could not decode, is a record of the other format.
   */
  static void requireNotOther(String topic, byte[] value, Schema schema, WireFormat format) {
    Optional<WireFormat> found = of(value, schema);
    if (found.isPresent() && found.get() != format) {
      throw WireFormatMismatchException.reading(topic, format, found.get());
    }
  }

  private static boolean decodesWhole(byte[] data, int offset, Schema schema) {
    int length = data.length - offset;
    BoundedDecoder decoder =
        new BoundedDecoder(DecoderFactory.get().binaryDecoder(data, offset, length, null), length);
    try {
      new GenericDatumReader<>(schema).read(null, decoder);
      return decoder.isEnd();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
