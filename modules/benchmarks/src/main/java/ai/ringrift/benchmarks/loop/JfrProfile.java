package ai.ringrift.benchmarks.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of a measured window (the JDK's {@code profile} settings), and what it says: CPU
 * samples and allocation per service, and per service the methods that take the most samples — the
 * innermost frame, and the innermost frame of our own code ({@code ai.ringrift}), which says which
 * of the platform's calls the time is spent under.
 */
final class JfrProfile implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  private JfrProfile(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  static JfrProfile start(Path file) throws IOException, ParseException {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setToDisk(true);
    recording.start();
    return new JfrProfile(recording, file);
  }

  /** Stops, writes the recording to its file and returns the summary's lines. */
  List<String> stop(Function<String, String> serviceOfThread, int top) throws IOException {
    recording.stop();
    recording.dump(file);
    Map<String, Long> samples = new HashMap<>();
    Map<String, Map<String, Long>> leaf = new HashMap<>();
    Map<String, Map<String, Long>> ours = new HashMap<>();
    Map<String, Long> allocated = new HashMap<>();
    Map<String, Map<String, Long>> allocatedAt = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      boolean cpu = type.equals("jdk.ExecutionSample");
      boolean alloc = type.equals("jdk.ObjectAllocationSample");
      if (!cpu && !alloc) {
        continue;
      }
      String thread =
          event.getThread(cpu ? "sampledThread" : "eventThread") == null
              ? "?"
              : event.getThread(cpu ? "sampledThread" : "eventThread").getJavaName();
      String service = serviceOfThread.apply(thread == null ? "?" : thread);
      RecordedStackTrace stack = event.getStackTrace();
      if (cpu) {
        samples.merge(service, 1L, Long::sum);
        count(leaf, service, frame(stack, false), 1);
        count(ours, service, frame(stack, true), 1);
      } else {
        long weight = event.getLong("weight");
        allocated.merge(service, weight, Long::sum);
        count(allocatedAt, service, frame(stack, true), weight);
      }
    }
    List<String> lines = new ArrayList<>();
    long total = samples.values().stream().mapToLong(Long::longValue).sum();
    lines.add(String.format(Locale.ROOT, "JFR %s: %d CPU samples", file.getFileName(), total));
    samples.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e -> {
              lines.add(
                  String.format(
                      Locale.ROOT,
                      "  %-40s %5.1f %% of samples, %.0f MB allocated (sampled)",
                      e.getKey(),
                      100.0 * e.getValue() / Math.max(1, total),
                      allocated.getOrDefault(e.getKey(), 0L) / 1e6));
              lines.add("    hottest methods: " + topOf(leaf.get(e.getKey()), top));
              lines.add("    under our code:  " + topOf(ours.get(e.getKey()), top));
              lines.add("    allocating:      " + topOf(allocatedAt.get(e.getKey()), top));
            });
    return lines;
  }

  private static void count(
      Map<String, Map<String, Long>> into, String service, String frame, long weight) {
    into.computeIfAbsent(service, s -> new HashMap<>()).merge(frame, weight, Long::sum);
  }

  /** The innermost frame, or with {@code ours} the innermost frame in {@code ai.ringrift}. */
  private static String frame(RecordedStackTrace stack, boolean ours) {
    if (stack == null || stack.getFrames().isEmpty()) {
      return "(no stack)";
    }
    for (RecordedFrame f : stack.getFrames()) {
      String type = f.getMethod().getType().getName();
      if (!ours || type.startsWith("ai.ringrift")) {
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
      }
    }
    return "(not under ai.ringrift)";
  }

  private static String topOf(Map<String, Long> counts, int top) {
    if (counts == null) {
      return "-";
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    List<String> parts = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                parts.add(
                    String.format(
                        Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total)));
    return String.join(", ", parts);
  }

  @Override
  public void close() {
    recording.close();
  }
}
