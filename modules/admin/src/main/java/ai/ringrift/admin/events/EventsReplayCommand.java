package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.admin.cli.ScopedConnectionOptions;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift events replay TYPE --since … --to-topic T}: copies the events of one type from a
 * time up to the end as of the start into another topic, byte for byte (key, value, headers,
 * timestamp), with a progress bar on stderr. Writing into a live catalog topic would make its
 * consumers act on the events again, so it takes {@code --force}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the events of TYPE since a time into --to-topic, byte for byte, up to the end as of"
          + " the start; a progress bar on stderr.",
      "The target must exist; a catalog topic (whose consumers would act again) needs --force."
    })
public final class EventsReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ScopedConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "TYPE", description = "Event type or its topic.")
  String type;

  @Option(
      names = "--since",
      required = true,
      paramLabel = "DURATION|TIME",
      converter = Durations.Since.class,
      description = "From this long ago (e.g. 2h) or this ISO-8601 time.")
  Instant since;

  @Option(names = "--to-topic", required = true, paramLabel = "TOPIC", description = "Target.")
  String target;

  @Option(
      names = "--config",
      paramLabel = "KEY",
      description = "Only events of this config, e.g. square8_2p.")
  String config;

  @Option(names = "--force", description = "Allow a live catalog topic as the target.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect();
        RawTopic raw = new RawTopic(connected.kafka())) {
      TopicSpec topic = EventTypes.topicOf(connected.catalog(), type);
      ConfigFilter filter = ConfigFilter.of(config, topic);
      checkTarget(connected, topic);
      List<TopicPartition> partitions = raw.partitions(topic.name());
      Map<TopicPartition, Long> ends = raw.ends(partitions);
      Map<TopicPartition, Long> starts = raw.offsetsAt(partitions, since, ends);
      long total = 0;
      for (TopicPartition p : partitions) {
        total += ends.get(p) - starts.get(p);
      }
      ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), total, "records");
      long[] copied = new long[1];
      try (Copier copier = new Copier(connected.kafka(), null)) {
        raw.read(
            starts,
            ends,
            r -> {
              // the first offset at --since may be followed by older events (writers stamp
              // records with occurred_at): those are not "since"
              if (r.timestamp() >= since.toEpochMilli() && filter.matches(Copier.keyText(r))) {
                copier.send(r, target, r.headers());
                copied[0]++;
              }
              progress.step();
            });
        copier.flush();
      }
      progress.done();
      out.printf(
          "replayed %d %s events since %s into %s%n",
          copied[0], topic.valueType().orElseThrow().getSimpleName(), since, target);
      out.flush();
      return 0;
    }
  }

  private void checkTarget(Connected connected, TopicSpec source) throws Exception {
    if (target.equals(source.name())) {
      throw new CliException("--to-topic is the topic replayed from; name another topic");
    }
    if (connected.catalog().find(target).isPresent() && !force) {
      throw new CliException(
          target
              + " is a live catalog topic: its consumers would act on the replayed events again;"
              + " replay into a topic of your own, or pass --force");
    }
    if (!connected.admin().listTopics().names().get().contains(target)) {
      throw new CliException(
          "topic "
              + target
              + " does not exist; create it first, e.g. `scripts/kafka-cli kafka-topics"
              + " --bootstrap-server "
              + connected.kafka().bootstrapServers()
              + " --create --topic "
              + target
              + " --partitions "
              + source.partitions()
              + "`");
    }
  }
}
