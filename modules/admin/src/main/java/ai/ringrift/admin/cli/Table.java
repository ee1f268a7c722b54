package ai.ringrift.admin.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with a header row and left-aligned columns. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> header) {
    this.header = header;
  }

  /** A table with these column names. */
  public static Table of(String... columns) {
    return new Table(Arrays.asList(columns));
  }

  /** Adds a row; values are shown with {@code String.valueOf}, null as "-". */
  public Table row(Object... values) {
    if (values.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object v : values) {
      row.add(v == null ? "-" : String.valueOf(v));
    }
    rows.add(row);
    return this;
  }

  /** Number of data rows. */
  public int size() {
    return rows.size();
  }

  /** The table as text, one line per row, ending with a newline. */
  public String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : "  ").append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
