package ai.ringrift.admin.state;

import picocli.CommandLine.Command;

/** {@code ringrift models}: the model registry per config, and an operator's overrides. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "The model registry of every config; promote a model or roll a config back by hand;"
            + " the lineage of a model.",
    subcommands = {
      ModelsListCommand.class,
      ModelsPromoteCommand.class,
      ModelsRollbackCommand.class,
      ModelsLineageCommand.class
    })
public final class ModelsCommand {}
