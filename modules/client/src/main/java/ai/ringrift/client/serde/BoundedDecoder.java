package ai.ringrift.client.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses lengths and item counts larger than the record itself. Avro
 * allocates what a length prefix claims before it reads the bytes, so five bad bytes claiming a
 * two-gigabyte string (or a billion array items) would exhaust the heap of the consumer; here they
 * fail as a decoding error instead.
 */
final class BoundedDecoder extends Decoder {
  private final BinaryDecoder in;
  private final long limit;

  BoundedDecoder(BinaryDecoder in, int size) {
    this.in = in;
    this.limit = size;
  }

  boolean isEnd() throws IOException {
    return in.isEnd();
  }

  private int length() throws IOException {
    long length = in.readLong();
    if (length < 0 || length > limit) {
      throw new AvroRuntimeException(
          "length " + length + " is impossible in a record of " + limit + " bytes");
    }
    return (int) length;
  }

  private long count(long items) {
    if (items < 0 || items > limit) {
      throw new AvroRuntimeException(
          "item count " + items + " is impossible in a record of " + limit + " bytes");
    }
    return items;
  }

  @Override
  public String readString() throws IOException {
    byte[] bytes = new byte[length()];
    in.readFixed(bytes, 0, bytes.length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    byte[] bytes = new byte[length()];
    in.readFixed(bytes, 0, bytes.length);
    return new Utf8(bytes);
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(length());
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    byte[] bytes = new byte[length()];
    in.readFixed(bytes, 0, bytes.length);
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(length());
  }

  @Override
  public long readArrayStart() throws IOException {
    return count(in.readArrayStart());
  }

  @Override
  public long arrayNext() throws IOException {
    return count(in.arrayNext());
  }

  @Override
  public long skipArray() throws IOException {
    return count(in.skipArray());
  }

  @Override
  public long readMapStart() throws IOException {
    return count(in.readMapStart());
  }

  @Override
  public long mapNext() throws IOException {
    return count(in.mapNext());
  }

  @Override
  public long skipMap() throws IOException {
    return count(in.skipMap());
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
