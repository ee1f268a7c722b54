package ai.ringrift.testkit;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fully populated instances of any event type, for tests: every field (optional ones included) gets
 * a value derived from the field name and a seed, so two seeds give two different events and a
 * round trip that drops a field shows. Key fields get valid keys ({@code config}, {@code node},
 * {@code role}).
 */
public final class SampleEvents {
  private SampleEvents() {}

  /** An instance of {@code type} for {@code config}, with values derived from {@code seed}. */
  public static <T extends SpecificRecord> T of(Class<T> type, ConfigKey config, int seed) {
    Schema schema = SpecificData.get().getSchema(type);
    Object generic = value(schema, "", config, seed);
    return toSpecific(type, schema, generic);
  }

  /** An instance of {@code type} for {@code square8_2p}. */
  public static <T extends SpecificRecord> T of(Class<T> type, int seed) {
    return of(type, ConfigKeys.parse("square8_2p"), seed);
  }

  /**
   * Sets field {@code field} of {@code event} to {@code value}; returns the same, changed event.
   */
  public static <T extends SpecificRecord> T with(T event, String field, Object value) {
    Schema.Field f = event.getSchema().getField(field);
    if (f == null) {
      throw new IllegalArgumentException(event.getSchema().getName() + " has no field " + field);
    }
    event.put(f.pos(), value);
    return event;
  }

  private static Object value(Schema schema, String field, ConfigKey config, int seed) {
    return switch (schema.getType()) {
      case RECORD -> record(schema, config, seed);
      case UNION -> value(nonNull(schema), field, config, seed);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          items.add(value(schema.getElementType(), field, config, seed + i));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case ENUM ->
          new GenericData.EnumSymbol(
              schema, schema.getEnumSymbols().get(seed % schema.getEnumSymbols().size()));
      case STRING -> string(field, seed);
      case INT -> field.equals("players") ? 2 + seed % 3 : seed + field.length();
      case LONG ->
          schema.getLogicalType() != null
              ? 1_700_000_000_000L + seed * 1000L
              : (long) seed * 1000 + field.length();
      case DOUBLE -> seed + field.length() / 10.0;
      case FLOAT -> (float) seed;
      case BOOLEAN -> seed % 2 == 0;
      default -> throw new IllegalArgumentException("no sample for " + schema);
    };
  }

  private static Object record(Schema schema, ConfigKey config, int seed) {
    if (schema.getFullName().equals(ConfigKey.getClassSchema().getFullName())) {
      GenericData.Record key = new GenericData.Record(schema);
      key.put(
          "board",
          new GenericData.EnumSymbol(schema.getField("board").schema(), config.getBoard().name()));
      key.put("players", config.getPlayers());
      return key;
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      record.put(f.pos(), value(f.schema(), f.name(), config, seed));
    }
    return record;
  }

  private static String string(String field, int seed) {
    return switch (field) {
      case "event_id" -> new UUID(seed, field.hashCode()).toString();
      case "node" -> "node-" + seed;
      case "role" -> "BANDWIDTH_ALLOCATOR";
      default -> field + "-" + seed;
    };
  }

  private static Schema nonNull(Schema union) {
    return union.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private static <T extends SpecificRecord> T toSpecific(
      Class<T> type, Schema schema, Object generic) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<>(schema).write(generic, encoder);
      encoder.flush();
      return new SpecificDatumReader<>(type)
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
