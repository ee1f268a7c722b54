package ai.ringrift.stages.npz;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads {@code .npz} archives as NumPy writes them ({@code savez}: stored, {@code
 * savez_compressed}: deflated). Arrays are streamed, so validating a multi-gigabyte export needs
 * constant memory. A file that is not an NPZ fails with an {@link NpyFormatException} naming the
 * entry and the problem.
 */
public final class NpzReader {
  private NpzReader() {}

  /** Visits one array. */
  @FunctionalInterface
  public interface ArrayVisitor {
    void visit(NpyElements elements) throws IOException;
  }

  /** The header of every array, by name, in archive order. */
  public static Map<String, NpyHeader> headers(Path npz) throws IOException {
    Map<String, NpyHeader> headers = new LinkedHashMap<>();
    forEach(npz, elements -> headers.put(elements.name(), elements.header()));
    return Collections.unmodifiableMap(headers);
  }

  /** Calls {@code visitor} for every array, in archive order. */
  public static void forEach(Path npz, ArrayVisitor visitor) throws IOException {
    try (ZipFile zip = open(npz)) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
          visitor.visit(elements(entry.getName(), in));
        }
      }
    }
  }

  /** Every element of array {@code name} as a double, in storage order (for small arrays). */
  public static double[] readDoubles(Path npz, String name) throws IOException {
    try (ZipFile zip = open(npz)) {
      ZipEntry entry = zip.getEntry(name + ".npy");
      if (entry == null) {
        throw new NpyFormatException(npz + " has no array '" + name + "'");
      }
      try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
        NpyElements elements = elements(entry.getName(), in);
        double[] values = new double[Math.toIntExact(elements.header().elementCount())];
        for (int i = 0; i < values.length; i++) {
          values[i] = elements.nextDouble();
        }
        return values;
      }
    }
  }

  /** The names of the arrays, in archive order. */
  public static List<String> names(Path npz) throws IOException {
    return List.copyOf(headers(npz).keySet());
  }

  private static ZipFile open(Path npz) throws IOException {
    try {
      return new ZipFile(npz.toFile());
    } catch (ZipException e) {
      throw new NpyFormatException(
          npz + " is not an NPZ archive (not a zip file): " + e.getMessage(), e);
    }
  }

  private static NpyElements elements(String entry, InputStream in) throws IOException {
    if (!entry.endsWith(".npy")) {
      throw new NpyFormatException("entry '" + entry + "' is not an .npy array");
    }
    String name = entry.substring(0, entry.length() - ".npy".length());
    try {
      return new NpyElements(name, NpyHeader.read(in), in);
    } catch (NpyFormatException e) {
      throw new NpyFormatException(entry + ": " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new NpyFormatException(entry + ": ends inside its NPY header", e);
    }
  }
}
