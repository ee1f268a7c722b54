package ai.ringrift.admin.events;

import picocli.CommandLine.Command;

/** {@code ringrift events dlq}: the dead-letter topics. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description =
        "Dead letters: records a consumer could not handle, kept with headers naming the error.",
    subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqRedriveCommand.class})
public final class DlqCommand {}
