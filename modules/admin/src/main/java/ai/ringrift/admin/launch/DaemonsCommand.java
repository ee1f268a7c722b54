package ai.ringrift.admin.launch;

import picocli.CommandLine.Command;

/**
 * {@code ringrift daemons}: start daemons on this machine ({@code launch}) and see the cluster's
 * ({@code status}). The top-level {@code ringrift launch} is the same command, kept for scripts and
 * docker-compose.yml.
 */
@Command(
    name = "daemons",
    mixinStandardHelpOptions = true,
    description = "Run the platform's daemons on this machine and see every daemon of the cluster.",
    subcommands = {LaunchCommand.class, DaemonsStatusCommand.class})
public final class DaemonsCommand {}
