package ai.ringrift.stages.action.command;

import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.action.ResultFormatException;
import ai.ringrift.stages.action.ResultValues;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads progress from an output line: the documented JSON form {@code {"progress": {"epoch": 3,
 * "total_epochs": 20, "loss": 0.53, "val_loss": 0.61}}}, or text matched by the configured pattern.
 * A line that is neither is not progress; a malformed JSON progress line is reported as such.
 */
final class ProgressParser {
  /** Lines of the JSON form start with this. */
  static final String PREFIX = "{\"progress\"";

  private final Pattern textPattern;

  ProgressParser(Pattern textPattern) {
    this.textPattern = textPattern;
  }

  /**
   * The progress in {@code line}, if it holds any.
   *
   * @throws ResultFormatException for a JSON progress line with a missing or mistyped field
   */
  Optional<Progress> parse(String line) {
    String stripped = line.strip();
    if (stripped.startsWith(PREFIX)) {
      return Optional.of(fromJson(ResultValues.parse(stripped).object("progress")));
    }
    if (textPattern == null) {
      return Optional.empty();
    }
    Matcher m = textPattern.matcher(stripped);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Progress(
              Integer.parseInt(m.group("epoch")),
              group(m, "total").map(Integer::parseInt).orElse(0),
              Double.parseDouble(m.group("loss")),
              group(m, "valLoss")
                  .map(v -> OptionalDouble.of(Double.parseDouble(v)))
                  .orElse(OptionalDouble.empty())));
    } catch (NumberFormatException e) {
      throw new ResultFormatException("progress line '" + stripped + "': " + e.getMessage());
    }
  }

  private static Progress fromJson(ResultValues p) {
    return new Progress(
        (int) p.integer("epoch"),
        p.has("total_epochs") ? (int) p.integer("total_epochs") : 0,
        p.number("loss"),
        p.has("val_loss") ? OptionalDouble.of(p.number("val_loss")) : OptionalDouble.empty());
  }

  private static Optional<String> group(Matcher m, String name) {
    try {
      return Optional.ofNullable(m.group(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the pattern has no such group
    }
  }
}
