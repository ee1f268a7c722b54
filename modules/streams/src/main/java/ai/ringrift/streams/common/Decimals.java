package ai.ringrift.streams.common;

/**
 * Fixed-point text for numbers in reasons and logs, without {@link String#format}: the signal
 * computer writes a reason per signal, and {@code Formatter} (locale lookups, pattern parsing) was
 * a fifth of its CPU time.
 */
public final class Decimals {
  private static final long[] SCALE = {1, 10, 100, 1000, 10_000};

  private Decimals() {}

  /** Appends {@code value} rounded to {@code decimals} (0 to 4) places, e.g. {@code -1.50}. */
  public static StringBuilder append(StringBuilder out, double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return out.append(value);
    }
    long scaled = Math.round(Math.abs(value) * SCALE[decimals]);
    if (value < 0 && scaled != 0) {
      out.append('-');
    }
    out.append(scaled / SCALE[decimals]);
    if (decimals > 0) {
      out.append('.');
      String fraction = Long.toString(scaled % SCALE[decimals]);
      for (int i = fraction.length(); i < decimals; i++) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out;
  }

  /** {@code value} rounded to {@code decimals} places. */
  public static String of(double value, int decimals) {
    return append(new StringBuilder(16), value, decimals).toString();
  }
}
