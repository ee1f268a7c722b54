package ai.ringrift.stages.npz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.ZipOutputStream;

/**
 * The elements of one array of an {@link NpzWriter}, in row-major order. Closing checks that
 * exactly the header's element count was written, so a shape and its data can never disagree.
 */
public final class NpyArrayWriter implements AutoCloseable {
  private final String name;
  private final NpyHeader header;
  private final ZipOutputStream zip;
  private final ByteBuffer buffer;
  private long written;
  private boolean closed;

  NpyArrayWriter(String name, NpyHeader header, ZipOutputStream zip) {
    this.name = name;
    this.header = header;
    this.zip = zip;
    this.buffer = ByteBuffer.allocate(1 << 15).order(header.order());
  }

  /** The array's name. */
  public String name() {
    return name;
  }

  /** Appends a float32 element. */
  public void putFloat(float value) throws IOException {
    room(NpyType.FLOAT32);
    buffer.putFloat(value);
  }

  /** Appends a float64 element. */
  public void putDouble(double value) throws IOException {
    room(NpyType.FLOAT64);
    buffer.putDouble(value);
  }

  /** Appends an int32 element. */
  public void putInt(int value) throws IOException {
    room(NpyType.INT32);
    buffer.putInt(value);
  }

  /** Appends an int64 element. */
  public void putLong(long value) throws IOException {
    room(NpyType.INT64);
    buffer.putLong(value);
  }

  /** Appends an int8, uint8 or bool element. */
  public void putByte(byte value) throws IOException {
    if (header.type().size() != 1) {
      throw new IllegalStateException(name + " holds " + header.type() + ", not bytes");
    }
    room(header.type());
    buffer.put(value);
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    if (written != header.elementCount()) {
      throw new IllegalStateException(
          name
              + ": wrote "
              + written
              + " of "
              + header.elementCount()
              + " elements for shape "
              + header.shapeText());
    }
    flush();
    zip.closeEntry();
    closed = true;
  }

  private void room(NpyType type) throws IOException {
    if (closed) {
      throw new IllegalStateException(name + " is closed");
    }
    if (header.type() != type) {
      throw new IllegalStateException(name + " holds " + header.type() + ", not " + type);
    }
    if (written == header.elementCount()) {
      throw new IllegalStateException(
          name
              + ": more than "
              + header.elementCount()
              + " elements for shape "
              + header.shapeText());
    }
    if (buffer.remaining() < type.size()) {
      flush();
    }
    written++;
  }

  private void flush() throws IOException {
    zip.write(buffer.array(), 0, buffer.position());
    buffer.clear();
  }
}
