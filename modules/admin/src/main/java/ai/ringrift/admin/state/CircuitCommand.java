package ai.ringrift.admin.state;

import picocli.CommandLine.Command;

/** {@code ringrift circuit}: the per-(stage, config) circuit breakers. */
@Command(
    name = "circuit",
    mixinStandardHelpOptions = true,
    description = "The circuit breakers, one per (stage, config): status and manual reset.",
    subcommands = {CircuitStatusCommand.class, CircuitResetCommand.class})
public final class CircuitCommand {}
