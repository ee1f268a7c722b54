package ai.ringrift.admin.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration as people type it: {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code
 * 500ms}, or ISO-8601 ({@code PT15M}).
 */
public final class Durations implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  /**
   * A point in time as people type it: a duration back from now ({@code 2h}) or an ISO-8601 instant
   * ({@code 2025-06-01T12:00:00Z}).
   */
  public static final class Since implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      if (text.contains("T") && Character.isDigit(text.charAt(0))) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException e) {
          throw new CommandLine.TypeConversionException(
              "'"
                  + text
                  + "' is not a time: use an ISO-8601 instant such as 2025-06-01T12:00:00Z"
                  + " or a duration back from now such as 2h");
        }
      }
      return Instant.now().minus(parse(text));
    }
  }

  /** The duration {@code text} names; a {@link CommandLine.TypeConversionException} otherwise. */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration: use e.g. 90s, 15m, 2h, 7d or PT15M");
    }
  }
}
