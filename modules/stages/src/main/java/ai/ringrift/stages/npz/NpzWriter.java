package ai.ringrift.stages.npz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an {@code .npz} archive: a zip of {@code <name>.npy} arrays, as {@code
 * numpy.savez_compressed} does, so {@code numpy.load} reads it. Arrays are streamed element by
 * element, so an export never holds its whole output in memory.
 *
 * <pre>{@code
 * try (NpzWriter npz = new NpzWriter(out);
 *     NpyArrayWriter values = npz.array("values", NpyHeader.of(NpyType.FLOAT32, samples))) {
 *   for (...) values.putFloat(v);
 * }
 * }</pre>
 */
public final class NpzWriter implements AutoCloseable {
  private final ZipOutputStream zip;
  private final Set<String> names = new HashSet<>();
  private NpyArrayWriter open;

  public NpzWriter(OutputStream out) {
    this.zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
  }

  /** Starts array {@code name}; close it (after exactly its element count) before the next. */
  public NpyArrayWriter array(String name, NpyHeader header) throws IOException {
    if (open != null && !open.isClosed()) {
      throw new IllegalStateException(
          "close array '" + open.name() + "' before starting '" + name + "'");
    }
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || !names.add(name)) {
      throw new IllegalArgumentException("array name '" + name + "' is not a new identifier");
    }
    zip.putNextEntry(new ZipEntry(name + ".npy"));
    zip.write(header.encode());
    open = new NpyArrayWriter(name, header, zip);
    return open;
  }

  @Override
  public void close() throws IOException {
    if (open != null && !open.isClosed()) {
      throw new IllegalStateException("array '" + open.name() + "' was not closed");
    }
    zip.close();
  }
}
