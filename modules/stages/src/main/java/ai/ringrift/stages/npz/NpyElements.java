package ai.ringrift.stages.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads the elements of one array after its header, in storage order, as doubles or longs. */
public final class NpyElements {
  private final String name;
  private final NpyHeader header;
  private final InputStream in;
  private final ByteBuffer buffer;
  private long read;

  NpyElements(String name, NpyHeader header, InputStream in) {
    this.name = name;
    this.header = header;
    this.in = in;
    this.buffer = ByteBuffer.allocate(1 << 15).order(header.order());
    buffer.limit(0);
  }

  /** The array's name (without {@code .npy}). */
  public String name() {
    return name;
  }

  /** The array's header. */
  public NpyHeader header() {
    return header;
  }

  /** True while elements remain. */
  public boolean hasNext() {
    return read < header.elementCount();
  }

  /** How many elements were read so far. */
  public long position() {
    return read;
  }

  /** The next element as a double (integers and booleans widened). */
  public double nextDouble() throws IOException {
    fill();
    read++;
    return switch (header.type()) {
      case FLOAT32 -> buffer.getFloat();
      case FLOAT64 -> buffer.getDouble();
      default -> integral();
    };
  }

  /** The next element as a long; floats are refused. */
  public long nextLong() throws IOException {
    if (header.type().isFloat()) {
      throw new IllegalStateException(name + " holds " + header.type() + ", not integers");
    }
    fill();
    read++;
    return integral();
  }

  private long integral() {
    return switch (header.type()) {
      case BOOL, INT8 -> buffer.get();
      case UINT8 -> Byte.toUnsignedInt(buffer.get());
      case INT16 -> buffer.getShort();
      case INT32 -> buffer.getInt();
      case INT64 -> buffer.getLong();
      default -> throw new IllegalStateException("not integral: " + header.type());
    };
  }

  private void fill() throws IOException {
    if (!hasNext()) {
      throw new IllegalStateException(name + " has only " + header.elementCount() + " elements");
    }
    int size = header.type().size();
    if (buffer.remaining() >= size) {
      return;
    }
    buffer.compact();
    while (buffer.position() < size) {
      int n = in.read(buffer.array(), buffer.position(), buffer.capacity() - buffer.position());
      if (n < 0) {
        throw new EOFException(
            name + ": data ends after " + read + " of " + header.elementCount() + " elements");
      }
      buffer.position(buffer.position() + n);
    }
    buffer.flip();
  }
}
