package ai.ringrift.benchmarks.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles of a sample, and min / median / max over repeated runs. */
public final class Stats {
  private Stats() {}

  /** The {@code p}-th percentile (0..100) of {@code sorted}, nearest rank. */
  public static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  /** {@code min / median / max} of {@code values}, formatted with {@code unit}. */
  public static String spread(List<Double> values, String unit) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return String.format(
        Locale.ROOT, "min %.1f / median %.1f / max %.1f %s", v[0], median, v[v.length - 1], unit);
  }

  public static long[] sorted(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }
}
