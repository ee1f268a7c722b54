package ai.ringrift.admin.events;

/** Text cut to fit a table column. */
final class Text {
  private Text() {}

  /** {@code text} on one line, at most {@code max} characters ("..." marks a cut). */
  static String shorten(String text, int max) {
    if (text == null) {
      return null;
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= max ? line : line.substring(0, max - 3) + "...";
  }
}
