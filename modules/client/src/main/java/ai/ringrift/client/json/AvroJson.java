package ai.ringrift.client.json;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as plain maps for JSON (status views, the command line's {@code --json}): field
 * names as in the schema, enums by name, timestamps as {@link Instant} (ISO strings in JSON),
 * unions unwrapped. The way back is {@link JsonToAvro}, which reads what this writes.
 */
public final class AvroJson {
  private AvroJson() {}

  /** The record as an ordered map of its fields. */
  public static Map<String, Object> toMap(IndexedRecord record) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      map.put(field.name(), plain(record.get(field.pos())));
    }
    return map;
  }

  private static Object plain(Object value) {
    if (value instanceof IndexedRecord record) {
      return toMap(record);
    }
    // before GenericContainer: a decoded array (GenericData.Array) is both
    if (value instanceof Collection<?> items) {
      List<Object> list = new ArrayList<>(items.size());
      items.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (value instanceof GenericContainer || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> entries) {
      Map<String, Object> map = new LinkedHashMap<>();
      entries.forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
      return map;
    }
    if (value instanceof ByteBuffer
        || value instanceof CharSequence && !(value instanceof String)) {
      return value.toString();
    }
    return value;
  }
}
