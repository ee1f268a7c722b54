package ai.ringrift.admin.schemas;

import picocli.CommandLine.Command;

/** {@code ringrift schemas}: the event schemas in the schema registry. */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    description =
        "The catalog's event schemas in the schema registry: list the subjects, check"
            + " compatibility, register.",
    subcommands = {
      SchemasListCommand.class,
      SchemasCheckCommand.class,
      SchemasRegisterCommand.class
    })
public final class SchemasCommand {}
