package ai.ringrift.stages.export;

import ai.ringrift.stages.npz.NpyElements;
import ai.ringrift.stages.npz.NpyFormatException;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpzReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks an exported training shard before it is announced, reading the file itself (as KataGo's
 * server does with uploaded npz): it must be an NPZ whose required arrays are present, agree on the
 * sample count (their first dimension), hold at least the minimum samples, contain every element
 * their shape promises and no NaN or infinity. A trainer fed a bad shard would fail hours later, or
 * worse, train on garbage; this fails the export instead, with the reason.
 */
public final class NpzValidator {
  private final NpzExpectations expectations;

  public NpzValidator(NpzExpectations expectations) {
    this.expectations = expectations;
  }

  /** Validates {@code npz}; the summary says what it holds. */
  public NpzSummary validate(Path npz) throws InvalidExportException {
    Map<String, NpyHeader> arrays = new LinkedHashMap<>();
    try {
      if (!Files.isRegularFile(npz)) {
        throw new InvalidExportException(npz + " does not exist");
      }
      NpzReader.forEach(npz, elements -> arrays.put(elements.name(), check(elements)));
    } catch (InvalidElementException e) {
      throw new InvalidExportException(npz.getFileName() + ": " + e.getMessage());
    } catch (NpyFormatException | EOFException e) {
      throw new InvalidExportException(npz.getFileName() + ": " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new InvalidExportException(npz + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidExportException("cannot read " + npz + ": " + e, e);
    }
    return new NpzSummary(sampleCount(npz, arrays), arrays);
  }

  private long sampleCount(Path npz, Map<String, NpyHeader> arrays) throws InvalidExportException {
    List<String> missing = new ArrayList<>(expectations.requiredArrays());
    missing.removeAll(arrays.keySet());
    if (!missing.isEmpty()) {
      throw new InvalidExportException(
          npz.getFileName() + ": missing arrays " + missing + "; it holds " + arrays.keySet());
    }
    Map<String, NpyHeader> required = new LinkedHashMap<>();
    expectations.requiredArrays().forEach(name -> required.put(name, arrays.get(name)));
    for (Map.Entry<String, NpyHeader> e : required.entrySet()) {
      if (e.getValue().shape().isEmpty()) {
        throw new InvalidExportException(
            npz.getFileName() + ": " + e.getKey() + " is a scalar, not an array of samples");
      }
    }
    long samples = required.values().iterator().next().shape().get(0);
    if (required.values().stream().anyMatch(h -> h.shape().get(0) != samples)) {
      throw new InvalidExportException(
          npz.getFileName()
              + ": arrays disagree on the sample count (first dimension): "
              + required.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue().shapeText())
                  .collect(Collectors.joining(", ")));
    }
    if (samples < expectations.minSamples()) {
      throw new InvalidExportException(
          npz.getFileName()
              + ": "
              + samples
              + " samples, fewer than the "
              + expectations.minSamples()
              + " required");
    }
    return samples;
  }

  /** Reads every element: the data must be complete and, for floats, finite. */
  private static NpyHeader check(NpyElements elements) throws IOException {
    NpyHeader header = elements.header();
    boolean floats = header.type().isFloat();
    while (elements.hasNext()) {
      long index = elements.position();
      double value = elements.nextDouble();
      if (floats && !Double.isFinite(value)) {
        throw new InvalidElementException(
            elements.name()
                + " holds "
                + (Double.isNaN(value) ? "NaN" : "an infinity")
                + " at element "
                + index
                + " (sample "
                + sampleOf(header, index)
                + ")");
      }
    }
    return header;
  }

  private static long sampleOf(NpyHeader header, long index) {
    long samples = header.shape().isEmpty() ? 0 : header.shape().get(0);
    if (samples == 0) {
      return 0;
    }
    return header.fortranOrder() ? index % samples : index / (header.elementCount() / samples);
  }

  /** Carries a bad element out of the streaming visitor. */
  private static final class InvalidElementException extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidElementException(String message) {
      super(message);
    }
  }
}
