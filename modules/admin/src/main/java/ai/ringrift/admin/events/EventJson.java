package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.runtime.http.StatusServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * How events look on the command line: one line each for people ({@code time type key field=value
 * ...}, header and config left out since the line shows them), or one JSON object each for scripts,
 * in the form {@code events publish --json} reads back.
 */
public final class EventJson {
  private EventJson() {}

  /** The event's fields as an ordered map (config as board and players, times as instants). */
  public static Map<String, Object> fields(SpecificRecord event) {
    return AvroJson.toMap(event);
  }

  /** The recorded event as a JSON-ready map: where it is stored, its type and its fields. */
  public static Map<String, Object> recorded(RecordedEvent<? extends SpecificRecord> e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topic", e.topic());
    json.put("partition", e.partition());
    json.put("offset", e.offset());
    json.put("timestamp", e.timestamp());
    json.put("key", e.key());
    json.put("type", e.event().getClass().getSimpleName());
    json.put("event", fields(e.event()));
    return json;
  }

  /** One line for people: time, type, key, then the fields other than header and config. */
  public static String line(RecordedEvent<? extends SpecificRecord> e) {
    return line(e.timestamp(), e.key(), e.event());
  }

  /** One line for people about {@code event} stored at {@code time} under {@code key}. */
  public static String line(Instant time, String key, SpecificRecord event) {
    StringBuilder line = new StringBuilder();
    line.append(time).append("  ").append(event.getClass().getSimpleName()).append("  ");
    line.append(key);
    fields(event)
        .forEach(
            (name, value) -> {
              if (!name.equals("header") && !name.equals("config") && value != null) {
                line.append("  ").append(name).append('=').append(compact(value));
              }
            });
    return line.toString();
  }

  /** {@code value} as compact JSON (strings unquoted). */
  public static String compact(Object value) {
    if (value instanceof String s) {
      return s;
    }
    return json(value);
  }

  /** {@code value} as one line of JSON. */
  public static String json(Object value) {
    try {
      return StatusServer.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new CliException("cannot render JSON: " + e.getOriginalMessage(), e);
    }
  }
}
