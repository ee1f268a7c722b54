package ai.ringrift.admin.cli;

import ai.ringrift.runtime.http.StatusServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --output table|json}: human tables by default, JSON for scripts. */
public final class OutputOptions {
  /** The output formats. */
  public enum Format {
    table,
    json
  }

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  /** True when the user asked for JSON. */
  public boolean json() {
    return format == Format.json;
  }

  /** Prints {@code value} as JSON, or the table, depending on the format. */
  public void print(PrintWriter out, Object value, Table table) {
    if (json()) {
      printJson(out, value);
    } else {
      out.print(table.render());
    }
    out.flush();
  }

  /** Prints {@code value} as indented JSON. */
  public static void printJson(PrintWriter out, Object value) {
    try {
      out.println(StatusServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new CliException("cannot render JSON: " + e.getOriginalMessage(), e);
    }
  }
}
