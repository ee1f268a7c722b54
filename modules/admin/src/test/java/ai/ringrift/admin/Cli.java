package ai.ringrift.admin;

import ai.ringrift.testkit.KafkaCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the real command line in-process with captured output, as a user would type it. */
public final class Cli {
  private Cli() {}

  /** What one invocation printed and returned. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /**
   * Runs {@code ringrift <args>} against {@code bootstrap} (added as --bootstrap-server when
   * given).
   */
  public static Result against(String bootstrap, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (bootstrap != null) {
      all.add("--bootstrap-server");
      all.add(bootstrap);
    }
    return run(all.toArray(String[]::new));
  }

  /**
   * Runs {@code ringrift <args>} against {@code cluster}'s broker and schema registry (added as
   * --bootstrap-server and --registry-url).
   */
  public static Result on(KafkaCluster cluster, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--bootstrap-server",
            cluster.bootstrapServers(),
            "--registry-url",
            cluster.registryUrl()));
    return run(all.toArray(String[]::new));
  }

  /** Runs {@code ringrift <args>} as given. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Ringrift.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
