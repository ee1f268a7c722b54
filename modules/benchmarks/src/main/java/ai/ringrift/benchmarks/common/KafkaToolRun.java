package ai.ringrift.benchmarks.common;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own producer benchmark ({@code kafka-producer-perf-test}), run in this JVM against the
 * embedded broker; its summary line is parsed for the rate.
 */
public final class KafkaToolRun {
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

  private KafkaToolRun() {}

  /** How the tool spreads its (keyless) records over the partitions. */
  public enum Spread {
    /** The producer's default: a whole batch to one partition, then the next (sticky). */
    STICKY(null),
    /**
     * Record by record to the partition our event of the same position goes to ({@link
     * ConfigKeyPartitioner}): the like-for-like baseline for events keyed by config.
     */
    KEYED(ConfigKeyPartitioner.class.getName());

    private final String partitioner;

    Spread(String partitioner) {
      this.partitioner = partitioner;
    }
  }

  /** Records per second Kafka's tool reached for {@code records} records of {@code size} bytes. */
  public static double run(
      String bootstrap,
      String topic,
      int records,
      int size,
      int lingerMs,
      Spread spread,
      int configs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--num-records",
                Integer.toString(records),
                "--record-size",
                Integer.toString(size),
                "--throughput",
                "-1",
                "--reporting-interval",
                "600000",
                "--command-property",
                "acks=all",
                "linger.ms=" + lingerMs));
    if (spread.partitioner != null) {
      args.add("partitioner.class=" + spread.partitioner);
      args.add(ConfigKeyPartitioner.CONFIGS + "=" + configs);
    }
    String output = captureStdout(args.toArray(String[]::new));
    long sent = -1;
    double rate = -1;
    Matcher m = SUMMARY.matcher(output);
    while (m.find()) { // the last summary is the total
      sent = Long.parseLong(m.group(1));
      rate = Double.parseDouble(m.group(2));
    }
    if (sent != records) {
      throw new IllegalStateException("ProducerPerformance gave no summary:\n" + output);
    }
    return rate;
  }

  /** The tool reports on System.out only; it is borrowed for the run. */
  private static synchronized String captureStdout(String[] args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(print);
      ProducerPerformance.main(args);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
