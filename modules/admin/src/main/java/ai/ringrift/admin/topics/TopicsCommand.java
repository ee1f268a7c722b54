package ai.ringrift.admin.topics;

import picocli.CommandLine.Command;

/** {@code ringrift topics}: reconcile and inspect the topic catalog. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile the cluster with the topic catalog (config/topics.yaml) and inspect topics.",
    subcommands = {
      TopicsApplyCommand.class,
      TopicsListCommand.class,
      TopicsDescribeCommand.class,
      TopicsDiffCommand.class
    })
public final class TopicsCommand {}
