package ai.ringrift.client.serde;

import ai.ringrift.client.internal.PerThread;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * A thread's scratch space for writing one Avro datum: a growable array and a buffered encoder
 * bound to it, both reused from call to call. Compared with a new {@code ByteArrayOutputStream} and
 * encoder per record it saves two allocations, an array copy and a lock per written field; the only
 * allocation left is the exactly sized result.
 */
final class EncodeBuffer extends OutputStream {
  private static final int INITIAL = 1024;

  /** Past this a buffer grown for a large record is dropped, not kept for the thread's life. */
  private static final int KEEP_AT_MOST = 64 * 1024;

  private static final PerThread<EncodeBuffer> BUFFERS = new PerThread<>(EncodeBuffer::new);

  private byte[] bytes = new byte[INITIAL];
  private int size;
  private boolean inUse;
  final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

  /**
   * The calling thread's buffer, claimed until {@link #release()}; a fresh one when the thread is
   * already writing with its own (a datum writer that serializes another record inside).
   */
  static EncodeBuffer claim() {
    EncodeBuffer buffer = BUFFERS.get();
    if (buffer.inUse) {
      buffer = new EncodeBuffer();
    }
    buffer.inUse = true;
    return buffer;
  }

  /** {@code datum} as written by {@code writer}, in a new array of its exact size. */
  static <T> byte[] encode(DatumWriter<T> writer, T datum) throws IOException {
    EncodeBuffer buffer = claim();
    try {
      writer.write(datum, buffer.encoder);
      return buffer.toByteArray();
    } finally {
      buffer.release();
    }
  }

  /** The bytes written since the claim, flushed from the encoder, as a new array. */
  byte[] toByteArray() throws IOException {
    encoder.flush();
    return Arrays.copyOf(bytes, size);
  }

  /**
   * Empties the buffer for the next record, also after a failed write (whose bytes may still sit in
   * the encoder), and gives it up.
   */
  void release() {
    try {
      encoder.flush(); // pushes what a failed write left in the encoder into this buffer
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen: the buffer is in memory", e);
    }
    size = 0;
    if (bytes.length > KEEP_AT_MOST) {
      bytes = new byte[INITIAL];
    }
    inUse = false;
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
