package ai.ringrift.admin.cluster;

import picocli.CommandLine.Command;

/** {@code ringrift cluster}: the Kafka cluster's health. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Inspect the Kafka cluster.",
    subcommands = {ClusterStatusCommand.class})
public final class ClusterCommand {}
