package ai.ringrift.admin.schemas;

import picocli.CommandLine.Command;

/** {@code ringrift schemas}: the event schemas in the schema registry. */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    description = "Register the catalog's event schemas in the schema registry.",
    subcommands = {SchemasRegisterCommand.class})
public final class SchemasCommand {}
