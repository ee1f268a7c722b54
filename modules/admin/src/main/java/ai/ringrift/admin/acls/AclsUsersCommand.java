package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.client.security.SecurityErrors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringrift acls users}: set the roles' SCRAM passwords. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update the SCRAM credential of each role's principal (security.yaml's mechanism),"
          + " its password from $RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE> or from --passwords.",
      "Setting the same password again is harmless (a new salt, the same login)."
    })
public final class AclsUsersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(
      names = "--passwords",
      paramLabel = "FILE",
      description = "Properties file with <role>=<password> lines instead of the environment.")
  Path passwords;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "Only these roles (repeatable; default: every role of security.yaml).")
  List<String> roles;

  @Option(names = "--dry-run", description = "Only check that every password is there.")
  boolean dryRun;

  @Option(
      names = "--registry-password-file",
      paramLabel = "FILE",
      description =
          "Also write the roles' users as the password file of Confluent's schema registry (Jetty"
              + " PropertyFileLoginModule, MD5 hashes, role 'ringrift'), so its basic auth takes the"
              + " same passwords.")
  Path registryPasswordFile;

  @Override
  public Integer call() throws Exception {
    SecurityConfig security = AclsPlanning.of(connection).security();
    List<String> selected = roles == null ? List.copyOf(security.roles().keySet()) : roles;
    Map<String, String> passwordsByUser =
        ScramUsers.require(
            security,
            selected,
            ScramUsers.passwords(passwords, System.getenv()),
            passwords == null ? "env" : passwords.toString());
    List<UserScramCredentialAlteration> upserts = ScramUsers.upserts(security, passwordsByUser);
    if (!dryRun && registryPasswordFile != null) {
      RegistryPasswordFile.write(registryPasswordFile, passwordsByUser);
    }
    if (!dryRun) {
      try (Admin admin = connection.admin()) {
        admin
            .alterUserScramCredentials(upserts)
            .all()
            .get(ConnectionOptions.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new CliException(
            connection
                .explain(e, SecurityErrors.Access.MANAGE)
                .orElse("could not set the SCRAM credentials: " + e.getCause().getMessage()),
            e.getCause());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    Table table = Table.of("USER", "MECHANISM", "ITERATIONS", "ACTION");
    List<Map<String, Object>> json = new ArrayList<>();
    for (UserScramCredentialAlteration u : upserts) {
      String action = dryRun ? "would set" : "set";
      table.row(u.user(), security.mechanism(), ScramUsers.ITERATIONS, action);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("user", u.user());
      row.put("mechanism", security.mechanism());
      row.put("action", action);
      json.add(row);
    }
    output.print(out, json, table);
    return 0;
  }
}
