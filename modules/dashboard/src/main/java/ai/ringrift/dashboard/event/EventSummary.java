package ai.ringrift.dashboard.event;

import ai.ringrift.client.json.AvroJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One line saying what an event carries: its fields but the header and the config (shown beside
 * it), nested records and lists left out, numbers rounded, for the tail and the lineage. Generic,
 * so a new event type needs nothing here.
 */
public final class EventSummary {
  private static final int MAX_LENGTH = 200;
  private static final List<String> SKIPPED = List.of("header", "config", "recent_triggers");

  private EventSummary() {}

  /** {@code model_id=m-7 elo=1712.4 games_played=400 ...}, at most 200 characters. */
  public static String of(SpecificRecord event) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> field : AvroJson.toMap(event).entrySet()) {
      Object value = field.getValue();
      if (SKIPPED.contains(field.getKey())
          || value == null
          || value instanceof Map<?, ?>
          || value instanceof Collection<?>) {
        continue;
      }
      parts.add(field.getKey() + "=" + text(value));
    }
    String line = String.join(" ", parts);
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
  }

  private static String text(Object value) {
    if (value instanceof Double d) {
      double abs = Math.abs(d);
      return abs != 0 && abs < 10
          ? String.format(Locale.ROOT, "%.3f", d)
          : String.format(Locale.ROOT, "%.1f", d);
    }
    String text = String.valueOf(value);
    return text.contains(" ") ? "'" + text + "'" : text;
  }
}
