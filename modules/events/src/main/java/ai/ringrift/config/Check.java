package ai.ringrift.config;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Validation for config records' compact constructors; every failure names its key. */
public final class Check {
  private Check() {}

  public static <T> T present(String key, T value) {
    if (value == null) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  public static String notBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required and must not be blank");
    }
    return value;
  }

  public static int atLeast(String key, int value, int min) {
    if (value < min) {
      throw new ConfigException(key, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  public static long atLeast(String key, long value, long min) {
    if (value < min) {
      throw new ConfigException(key, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  public static double atLeast(String key, double value, double min) {
    if (!(value >= min)) {
      throw new ConfigException(key, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  public static int between(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public static double between(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public static void that(boolean condition, String key, String problem) {
    if (!condition) {
      throw new ConfigException(key, problem);
    }
  }

  /** An immutable copy of a list that may be absent in the file. */
  public static <T> java.util.List<T> list(Collection<T> values) {
    return values == null ? java.util.List.of() : java.util.List.copyOf(values);
  }

  /** An immutable copy of a map that may be absent in the file. */
  public static <K, V> Map<K, V> map(Map<K, V> values) {
    return values == null ? Map.of() : Map.copyOf(values);
  }

  /** The value, or the default when the file left it out. */
  public static <T> T orDefault(T value, T defaultValue) {
    return Objects.requireNonNullElse(value, defaultValue);
  }
}
