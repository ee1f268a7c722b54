package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.admin.cli.ScopedConnectionOptions;
import ai.ringrift.events.catalog.TopicSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift events tail TYPE}: follows one event type as it happens, decoded, one line each
 * (or one JSON object each), until Ctrl-C, {@code --max} events or {@code --timeout}.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Follow the events of TYPE (e.g. TrainingCompleted, or its topic), decoded, one line each,"
          + " until Ctrl-C, --max events or --timeout.",
      "Reads without a consumer group: no service's offsets move."
    })
public final class EventsTailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ScopedConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "TYPE", description = "Event type or its topic.")
  String type;

  @Option(
      names = "--config",
      paramLabel = "KEY",
      description = "Only events of this config, e.g. square8_2p.")
  String config;

  @ArgGroup(exclusive = true)
  Start start = new Start();

  @Option(names = "--max", paramLabel = "N", description = "Stop after N events.")
  Integer max;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Stop after this long (e.g. 30s); with --max, fewer than N events by then exit 1.")
  Duration timeout;

  /** Where to start: the end (default), the beginning, or a time. */
  static final class Start {
    @Option(names = "--from-beginning", description = "From the oldest retained event.")
    boolean fromBeginning;

    @Option(
        names = "--since",
        paramLabel = "DURATION|TIME",
        converter = Durations.Since.class,
        description = "From this long ago (e.g. 15m, 2h) or this ISO-8601 time.")
    Instant since;
  }

  @Override
  public Integer call() {
    if (max != null && max < 1) {
      throw new CliException("--max must be at least 1, was " + max);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connected connected = connection.connect();
        RawTopic raw = new RawTopic(connected.kafka())) {
      TopicSpec topic = EventTypes.topicOf(connected.catalog(), type);
      ConfigFilter filter = ConfigFilter.of(config, topic);
      RecordPrinter printer = new RecordPrinter(connected, topic, output.json(), out, err);
      List<TopicPartition> partitions = raw.partitions(topic.name());
      Map<TopicPartition, Long> ends = raw.ends(partitions);
      Map<TopicPartition, Long> starts =
          start.fromBeginning
              ? raw.begins(partitions)
              : start.since != null ? raw.offsetsAt(partitions, start.since, ends) : ends;
      raw.follow(starts);
      err.println("following " + topic.name() + describeStart() + " (Ctrl-C to stop)");
      err.flush();
      Follower follower = new Follower(raw, filter, printer);
      int shown = follower.follow(max, timeout);
      if (max != null && shown < max && !follower.stoppedByUser()) {
        throw new CliException(
            "saw "
                + shown
                + " of "
                + max
                + " "
                + topic.valueType().orElseThrow().getSimpleName()
                + " events within "
                + timeout.toSeconds()
                + " s");
      }
      return 0;
    }
  }

  private String describeStart() {
    if (start.fromBeginning) {
      return " from the beginning";
    }
    return start.since != null ? " since " + start.since : " from now";
  }
}
