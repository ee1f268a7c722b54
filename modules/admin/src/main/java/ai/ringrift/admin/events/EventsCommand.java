package ai.ringrift.admin.events;

import picocli.CommandLine.Command;

/** {@code ringrift events}: read, replay, publish and redrive events. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Follow, read back, replay and publish events; inspect and redrive dead letters.",
    subcommands = {
      EventsTailCommand.class,
      EventsRecentCommand.class,
      EventsReplayCommand.class,
      EventsPublishCommand.class,
      DlqCommand.class
    })
public final class EventsCommand {}
