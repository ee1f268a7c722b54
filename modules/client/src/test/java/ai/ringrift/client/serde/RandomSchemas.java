package ai.ringrift.client.serde;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * Random Avro schemas and random values of them, for property tests of the serde: every primitive,
 * enums, fixed, bytes, arrays, maps, unions of up to four branches, nested and recursive records,
 * and every logical type Avro knows (decimal on bytes and on fixed, uuid, date, time-millis,
 * time-micros, timestamp-millis, timestamp-micros, local-timestamp-millis, local-timestamp-micros).
 * Values of logical types are the converted Java types (BigDecimal, UUID, LocalDate, ...) that
 * {@link #MODEL}'s conversions write.
 */
final class RandomSchemas {
  /** A data model with a conversion for every logical type. */
  static final GenericData MODEL = withEveryConversion();

  private static final int MAX_DEPTH = 4;
  private final Random random;
  private int names;

  RandomSchemas(Random random) {
    this.random = random;
  }

  private static GenericData withEveryConversion() {
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    return model;
  }

  /**
   * A record schema whose first fields are one of each kind (so every schema covers them all) and
   * whose further fields are random, with a recursive {@code next} field.
   */
  Schema record() {
    String name = "R" + names++;
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema kind : everyKind()) {
      fields.add(new Schema.Field("k" + fields.size(), kind));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      fields.add(new Schema.Field("f" + fields.size(), any(1)));
    }
    Schema record = Schema.createRecord(name, null, "test.random", false);
    fields.add(
        new Schema.Field(
            "next",
            Schema.createUnion(Schema.create(Schema.Type.NULL), record),
            null,
            Schema.Field.NULL_DEFAULT_VALUE));
    record.setFields(fields);
    return record;
  }

  private List<Schema> everyKind() {
    List<Schema> kinds = new ArrayList<>();
    for (Schema.Type type :
        List.of(
            Schema.Type.STRING,
            Schema.Type.BYTES,
            Schema.Type.INT,
            Schema.Type.LONG,
            Schema.Type.FLOAT,
            Schema.Type.DOUBLE,
            Schema.Type.BOOLEAN,
            Schema.Type.NULL)) {
      kinds.add(Schema.create(type));
    }
    kinds.add(enumeration());
    kinds.add(fixed(1 + random.nextInt(12)));
    kinds.add(Schema.createArray(any(2)));
    kinds.add(Schema.createMap(any(2)));
    kinds.add(union(2));
    kinds.add(Schema.createUnion(Schema.create(Schema.Type.NULL), notUnion(2)));
    kinds.add(nested(2));
    kinds.addAll(everyLogicalType());
    return kinds;
  }

  private List<Schema> everyLogicalType() {
    int precision = 1 + random.nextInt(30);
    int scale = random.nextInt(precision + 1);
    return List.of(
        LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES)),
        LogicalTypes.decimal(precision, scale).addToSchema(fixed(16)),
        LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING)),
        LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)),
        LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT)),
        LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG)),
        LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
        LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
        LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
        LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG)));
  }

  private Schema any(int depth) {
    int choice = random.nextInt(depth >= MAX_DEPTH ? 4 : 9);
    return switch (choice) {
      case 0 -> primitive();
      case 1 -> enumeration();
      case 2 -> fixed(1 + random.nextInt(8));
      case 3 -> everyLogicalType().get(random.nextInt(10));
      case 4 -> Schema.createArray(any(depth + 1));
      case 5 -> Schema.createMap(any(depth + 1));
      case 6 -> union(depth + 1);
      case 7 -> Schema.createUnion(notUnion(depth + 1), Schema.create(Schema.Type.NULL));
      default -> nested(depth + 1);
    };
  }

  /** Any schema but a union (a union cannot be a branch of another). */
  private Schema notUnion(int depth) {
    Schema schema = any(depth);
    return schema.getType() == Schema.Type.UNION ? primitive() : schema;
  }

  private Schema primitive() {
    Schema.Type[] types = {
      Schema.Type.STRING,
      Schema.Type.BYTES,
      Schema.Type.INT,
      Schema.Type.LONG,
      Schema.Type.FLOAT,
      Schema.Type.DOUBLE,
      Schema.Type.BOOLEAN
    };
    return Schema.create(types[random.nextInt(types.length)]);
  }

  /** A union of up to four branches of distinct kinds (Avro allows one branch per kind). */
  private Schema union(int depth) {
    List<Schema> branches = new ArrayList<>();
    branches.add(Schema.create(Schema.Type.NULL));
    branches.add(Schema.create(Schema.Type.STRING));
    branches.add(Schema.create(Schema.Type.LONG));
    branches.add(depth >= MAX_DEPTH ? Schema.create(Schema.Type.DOUBLE) : nested(depth));
    java.util.Collections.shuffle(branches, random);
    return Schema.createUnion(branches.subList(0, 2 + random.nextInt(3)));
  }

  private Schema nested(int depth) {
    List<Schema.Field> fields = new ArrayList<>();
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      fields.add(new Schema.Field("n" + fields.size(), any(depth + 1)));
    }
    return Schema.createRecord("N" + names++, null, "test.random", false, fields);
  }

  private Schema enumeration() {
    List<String> symbols = new ArrayList<>();
    for (int i = 1 + random.nextInt(5); i > 0; i--) {
      symbols.add("S" + symbols.size());
    }
    return Schema.createEnum("E" + names++, null, "test.random", symbols);
  }

  private Schema fixed(int size) {
    return Schema.createFixed("X" + names++, null, "test.random", size);
  }

  /** A random value of {@code schema}; {@code depth} bounds the recursion of records. */
  Object value(Schema schema, int depth) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      return logicalValue(schema, logical);
    }
    return switch (schema.getType()) {
      case RECORD -> recordValue(schema, depth);
      case ENUM ->
          new GenericData.EnumSymbol(
              schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(value(schema.getElementType(), depth + 1));
        }
        yield items;
      }
      case MAP -> {
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          entries.put(
              random.nextBoolean() ? "k" + i : new Utf8("k" + i),
              value(schema.getValueType(), depth + 1));
        }
        yield entries;
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        Schema branch = branches.get(random.nextInt(branches.size()));
        if (depth > 6 && branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) {
          branch = Schema.create(Schema.Type.NULL); // bound a recursive record's chain
        }
        yield value(branch, depth + 1);
      }
      case FIXED -> {
        byte[] bytes = new byte[schema.getFixedSize()];
        random.nextBytes(bytes);
        yield new GenericData.Fixed(schema, bytes);
      }
      case STRING -> random.nextBoolean() ? text() : new Utf8(text());
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(20)];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case FLOAT -> random.nextFloat() * 1e6f - 5e5f;
      case DOUBLE -> random.nextDouble() * 1e12 - 5e11;
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
    };
  }

  private Object recordValue(Schema schema, int depth) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), value(field.schema(), depth + 1));
    }
    return record;
  }

  private Object logicalValue(Schema schema, LogicalType logical) {
    return switch (logical.getName()) {
      case "decimal" -> {
        LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logical;
        BigInteger unscaled =
            new BigInteger(decimal.getPrecision() * 4, random)
                .mod(BigInteger.TEN.pow(decimal.getPrecision()));
        yield new BigDecimal(
            random.nextBoolean() ? unscaled : unscaled.negate(), decimal.getScale());
      }
      case "uuid" -> new UUID(random.nextLong(), random.nextLong());
      case "date" -> LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000);
      case "time-millis" -> LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L);
      case "time-micros" ->
          LocalTime.ofNanoOfDay((long) (random.nextDouble() * 86_400_000_000L) * 1000L);
      case "timestamp-millis" -> instant().truncatedTo(ChronoUnit.MILLIS);
      case "timestamp-micros" -> instant().truncatedTo(ChronoUnit.MICROS);
      case "local-timestamp-millis" ->
          LocalDateTime.ofInstant(instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
      case "local-timestamp-micros" ->
          LocalDateTime.ofInstant(instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      default ->
          throw new IllegalArgumentException(
              "no values for " + logical.getName() + " in " + schema);
    };
  }

  private Instant instant() {
    return Instant.ofEpochSecond(
        Math.floorMod(random.nextLong(), 4_000_000_000L) - 1_000_000_000L,
        random.nextInt(1_000_000_000));
  }

  private String text() {
    int length = random.nextInt(12);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(
          random.nextInt(8) == 0 ? 0x4e00 + random.nextInt(500) : 'a' + random.nextInt(26));
    }
    return text.toString();
  }
}
