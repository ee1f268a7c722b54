package ai.ringrift.stages.npz;

import java.util.Locale;

/** The NumPy element types the platform reads and writes, by their {@code descr} kind and size. */
public enum NpyType {
  BOOL('b', 1),
  INT8('i', 1),
  UINT8('u', 1),
  INT16('i', 2),
  INT32('i', 4),
  INT64('i', 8),
  FLOAT32('f', 4),
  FLOAT64('f', 8);

  private final char kind;
  private final int size;

  NpyType(char kind, int size) {
    this.kind = kind;
    this.size = size;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** True for floating-point types (the ones that can hold NaN). */
  public boolean isFloat() {
    return kind == 'f';
  }

  /** The type code without byte order, e.g. {@code f4}. */
  public String code() {
    return kind + String.valueOf(size);
  }

  /** The type for a code like {@code f4}; fails naming the code for anything else. */
  public static NpyType ofCode(String code) {
    for (NpyType type : values()) {
      if (type.code().equals(code.toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new NpyFormatException(
        "unsupported dtype '" + code + "' (supported: b1, i1, u1, i2, i4, i8, f4, f8)");
  }
}
