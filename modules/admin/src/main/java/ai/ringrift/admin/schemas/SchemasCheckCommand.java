package ai.ringrift.admin.schemas;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift schemas check}: may the schemas of {@code schemas/} be registered in the live
 * registry? Each is checked against its subject's versions at the subject's compatibility level,
 * with the registry module's checker (Avro's own reader/writer check), naming the field that
 * breaks. Exit 1 when one fails.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the schemas of schemas/ (or --schemas DIR, or this build's) against the live"
          + " registry: each subject's versions, at its compatibility level.",
      "Prints the field that breaks; exit 1 when a schema fails, 0 when all may be registered."
    })
public final class SchemasCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = "--schemas",
      paramLabel = "DIR",
      description = "Schema directory (default: ./schemas when present, else this build's).")
  Path directory;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SchemaRegistryClient registry = connection.reachableRegistry();
    List<SubjectCheck.Result> results = new ArrayList<>();
    SubjectCheck check = new SubjectCheck(registry);
    for (ContractSchemas.Source source :
        ContractSchemas.of(connection.catalog(), directory).values()) {
      results.add(check.check(source));
    }
    Table table = Table.of("SUBJECT", "SCHEMA", "LEVEL", "AGAINST", "RESULT");
    results.forEach(r -> table.row(r.subject(), r.origin(), r.level(), r.against(), r.verdict()));
    output.print(out, results, table);
    List<SubjectCheck.Result> failed = results.stream().filter(r -> !r.ok()).toList();
    if (failed.isEmpty()) {
      return 0;
    }
    SubjectCheck.Result first = failed.get(0);
    throw new CliException(
        (failed.size() > 1 ? failed.size() + " schemas fail the check, the first: " : "")
            + first.origin()
            + " cannot follow "
            + first.subject()
            + " "
            + first.against()
            + " at "
            + first.level()
            + ": "
            + first.problems().get(0)
            + "; keep changes "
            + first.level()
            + " compatible (add fields with defaults only), or register under a new subject");
  }
}
