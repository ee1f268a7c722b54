import ai.ringrift.admin.Ringrift;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs several {@code ringrift} command lines in one JVM, for the Python client's tests (a JVM
 * start costs seconds each): the file named by the first argument holds one command per line as a
 * JSON array of arguments; for each, one line {@code @@ringrift {"args", "exit", "out", "err"}} is
 * printed. The commands are the real CLI's ({@code Ringrift.commandLine()}).
 */
public final class RingriftBatch {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank()) {
        continue;
      }
      String[] argv = json.readValue(line, String[].class);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Ringrift.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute(argv);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("args", List.of(argv));
      result.put("exit", exit);
      result.put("out", out.toString());
      result.put("err", err.toString());
      System.out.println("@@ringrift " + json.writeValueAsString(result));
      System.out.flush();
    }
    System.exit(0); // the CLI's clients may leave non-daemon threads behind
  }
}
