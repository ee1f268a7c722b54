package ai.ringrift.admin.schemas;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.embedded.SchemaRegistration;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift schemas register}: registers every catalog value schema under {@code
 * <topic>-value}, so producers can run with {@code auto.register.schemas=false}. Idempotent.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Register the value schema of every catalog topic under <topic>-value (TopicNameStrategy)"
          + " in the registry of --registry-url / $RINGRIFT_SCHEMA_REGISTRY_URL /"
          + " wire.schemaRegistryUrl (http://localhost:8081).",
      "Registering again changes nothing; an incompatible schema fails naming the field."
    })
public final class SchemasRegisterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    SchemaRegistryClient client = connection.reachableRegistry();
    String url = connection.wire().schemaRegistryUrl();
    try {
      int subjects = SchemaRegistration.registerCatalog(client, connection.catalog());
      spec.commandLine().getOut().printf("%d subjects registered at %s%n", subjects, url);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (SchemaRegistryException e) {
      throw new CliException("schema registry at " + url + ": " + e.getMessage(), e);
    }
  }
}
