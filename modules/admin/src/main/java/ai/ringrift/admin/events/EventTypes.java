package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The event type a command line names: a simple type name in any case ({@code TrainingCompleted},
 * {@code trainingcompleted}) or its topic ({@code ringrift.training.completed}). An unknown name is
 * one line with the closest known type and the command that lists them.
 */
public final class EventTypes {
  private EventTypes() {}

  /** The topic of the event or state type {@code name}. */
  public static TopicSpec topicOf(TopicCatalog catalog, String name) {
    Optional<TopicSpec> byTopic = catalog.find(name).filter(t -> t.valueType().isPresent());
    if (byTopic.isPresent()) {
      return byTopic.get();
    }
    return catalog.topics().stream()
        .filter(t -> t.valueType().isPresent())
        .filter(t -> t.valueType().get().getSimpleName().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> unknown(catalog, name));
  }

  /** The class of the event or state type {@code name}. */
  public static Class<? extends SpecificRecord> typeOf(TopicCatalog catalog, String name) {
    return topicOf(catalog, name).valueType().orElseThrow();
  }

  /** The catalog topic {@code name}, or one line naming the closest topic. */
  public static TopicSpec topic(TopicCatalog catalog, String name) {
    return catalog
        .find(name)
        .orElseThrow(
            () ->
                new CliException(
                    "unknown topic '"
                        + name
                        + "'"
                        + closest(catalog, name, true)
                            .map(t -> " (did you mean " + t + "?)")
                            .orElse("")
                        + "; `ringrift topics list` shows the catalog"));
  }

  private static CliException unknown(TopicCatalog catalog, String name) {
    return new CliException(
        "unknown event type '"
            + name
            + "'"
            + closest(catalog, name, false).map(t -> " (did you mean " + t + "?)").orElse("")
            + "; `ringrift topics list` shows every type (VALUE) and its topic");
  }

  private static Optional<String> closest(TopicCatalog catalog, String name, boolean topics) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return catalog.topics().stream()
        .filter(t -> topics || (t.valueType().isPresent() && t.kind() != TopicKind.DLQ))
        .map(t -> topics ? t.name() : t.valueType().get().getSimpleName())
        .distinct()
        .map(
            candidate ->
                new Scored(candidate, distance(wanted, candidate.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= Math.max(2, wanted.length() / 3))
        .min(Comparator.comparingInt(Scored::distance))
        .map(Scored::name);
  }

  private record Scored(String name, int distance) {}

  /** Levenshtein distance: how many edits turn {@code a} into {@code b}. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
