package ai.ringrift.stages.npz;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} array (format versions 1.0 to 3.0): magic {@code \x93NUMPY},
 * version, header length, then a Python dict literal {@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (3, 2), }} padded with spaces to a 64-byte boundary and ended by a newline.
 *
 * @param type element type
 * @param order byte order of the elements
 * @param fortranOrder true when the data is column-major
 * @param shape dimensions; empty for a scalar
 */
public record NpyHeader(NpyType type, ByteOrder order, boolean fortranOrder, List<Long> shape) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final Pattern DESCR =
      Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([<>|=])?([a-zA-Z]\\d+)['\"]");
  private static final Pattern FORTRAN =
      Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  public NpyHeader {
    shape = List.copyOf(shape);
    for (long dimension : shape) {
      if (dimension < 0) {
        throw new NpyFormatException("negative dimension in shape " + shape);
      }
    }
  }

  /** A little-endian, row-major array of {@code type} and {@code shape}. */
  public static NpyHeader of(NpyType type, long... shape) {
    return new NpyHeader(
        type, ByteOrder.LITTLE_ENDIAN, false, Arrays.stream(shape).boxed().toList());
  }

  /** Number of elements. */
  public long elementCount() {
    long count = 1;
    for (long dimension : shape) {
      count = Math.multiplyExact(count, dimension);
    }
    return count;
  }

  /** Number of data bytes after the header. */
  public long dataBytes() {
    return Math.multiplyExact(elementCount(), type.size());
  }

  /** The shape as Python prints it: {@code (3, 2)}, {@code (3,)}, {@code ()}. */
  public String shapeText() {
    if (shape.size() == 1) {
      return "(" + shape.get(0) + ",)";
    }
    return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }

  /** The whole preamble: magic, version, length and the padded dict. */
  public byte[] encode() {
    String order = type.size() == 1 ? "|" : this.order == ByteOrder.BIG_ENDIAN ? ">" : "<";
    String dict =
        "{'descr': '"
            + order
            + type.code()
            + "', 'fortran_order': "
            + (fortranOrder ? "True" : "False")
            + ", 'shape': "
            + shapeText()
            + ", }";
    boolean wide = dict.length() + 1 + 10 > 65535;
    int prefix = wide ? 12 : 10;
    int padded = ((prefix + dict.length() + 1 + ALIGN - 1) / ALIGN) * ALIGN;
    String text = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
    ByteBuffer out = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) (wide ? 2 : 1)).put((byte) 0);
    if (wide) {
      out.putInt(text.length());
    } else {
      out.putShort((short) text.length());
    }
    out.put(text.getBytes(StandardCharsets.US_ASCII));
    return out.array();
  }

  /** Reads a header from the start of an {@code .npy} stream, leaving it at the first element. */
  public static NpyHeader read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new NpyFormatException("not an NPY array: bad magic " + Arrays.toString(magic));
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte();
    long length;
    if (major == 1) {
      length = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    } else if (major == 2 || major == 3) {
      length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    } else {
      throw new NpyFormatException("unsupported NPY format version " + major);
    }
    if (length > 1 << 20) {
      throw new NpyFormatException("NPY header of " + length + " bytes is not plausible");
    }
    byte[] text = new byte[(int) length];
    in.readFully(text);
    return parse(
        new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
  }

  static NpyHeader parse(String dict) {
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shape = SHAPE.matcher(dict);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw new NpyFormatException(
          "NPY header lacks descr, fortran_order or shape: " + dict.strip());
    }
    NpyType type = NpyType.ofCode(descr.group(2));
    ByteOrder order = ">".equals(descr.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    List<Long> dimensions = new ArrayList<>();
    for (String part : shape.group(1).split(",")) {
      String dimension = part.strip().replace("L", "");
      if (!dimension.isEmpty()) {
        try {
          dimensions.add(Long.parseLong(dimension));
        } catch (NumberFormatException e) {
          throw new NpyFormatException(
              "NPY shape (" + shape.group(1) + ") is not a tuple of integers");
        }
      }
    }
    return new NpyHeader(type, order, "True".equals(fortran.group(1)), dimensions);
  }
}
