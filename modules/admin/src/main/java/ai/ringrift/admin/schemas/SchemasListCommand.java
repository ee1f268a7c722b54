package ai.ringrift.admin.schemas;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.registry.RegisteredSchema;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift schemas list}: every subject of the registry and of the catalog, its versions,
 * latest id and level, and which version this build's schema is.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Every subject in the registry and the catalog: versions, latest id, compatibility level,"
            + " and which version this build's schema is.")
public final class SchemasListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SchemaRegistryClient registry = connection.reachableRegistry();
    Map<String, ContractSchemas.Source> built = ContractSchemas.builtIn(connection.catalog());
    TreeSet<String> subjects = new TreeSet<>(registry.subjects());
    subjects.addAll(built.keySet());
    String global = registry.globalCompatibility();
    Table table = Table.of("SUBJECT", "VERSIONS", "LATEST ID", "LEVEL", "THIS BUILD");
    List<Map<String, Object>> json = new ArrayList<>();
    for (String subject : subjects) {
      Map<String, Object> row = row(registry, subject, built.get(subject), global);
      table.row(row.values().toArray());
      json.add(row);
    }
    output.print(out, json, table);
    return 0;
  }

  private static Map<String, Object> row(
      SchemaRegistryClient registry, String subject, ContractSchemas.Source built, String global) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("subject", subject);
    List<Integer> versions;
    try {
      versions = registry.versions(subject);
    } catch (SchemaRegistryException.SubjectNotFound e) {
      versions = List.of();
    }
    row.put("versions", versions.size());
    Integer latestId = versions.isEmpty() ? null : registry.latest(subject).id();
    row.put("latestId", latestId);
    row.put("level", registry.subjectCompatibility(subject).orElse(global));
    row.put("thisBuild", thisBuild(registry, subject, built, versions));
    return row;
  }

  private static String thisBuild(
      SchemaRegistryClient registry,
      String subject,
      ContractSchemas.Source built,
      List<Integer> versions) {
    if (built == null) {
      return "not in the catalog";
    }
    if (versions.isEmpty()) {
      return "not registered (`ringrift schemas register`)";
    }
    try {
      RegisteredSchema found = registry.lookup(subject, built.schema());
      int latest = versions.get(versions.size() - 1);
      return "version " + found.version() + (found.version() == latest ? " (latest)" : "");
    } catch (SchemaRegistryException.SchemaNotFound | SchemaRegistryException.SubjectNotFound e) {
      return "not registered: `ringrift schemas check` tells whether it may be";
    }
  }
}
