package ai.ringrift.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** The compiled writer writes exactly the bytes Avro's own writers write. */
class CompiledDatumWriterTest {
  private static final Schema EVERY_KIND =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Node", "fields": [
                {"name": "name", "type": "string"},
                {"name": "flag", "type": "boolean"},
                {"name": "ratio", "type": "float"},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "BLUE"]}},
                {"name": "raw", "type": "bytes"},
                {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
                {"name": "either", "type": ["int", "string", "null"]},
                {"name": "later", "type": ["string", "null"]},
                {"name": "tags", "type": {"type": "array", "items": "string"}},
                {"name": "counts", "type": {"type": "map", "values": ["null", "long"]}},
                {"name": "next", "type": ["null", "Node"], "default": null}
              ]}
              """);

  @Test
  void everyEventTypeIsWrittenAsAvroWritesIt() throws IOException {
    List<Class<? extends SpecificRecord>> types = TopicCatalog.packaged().valueTypes();
    assertThat(types).hasSizeGreaterThanOrEqualTo(25);
    for (Class<? extends SpecificRecord> type : types) {
      for (int seed = 1; seed <= 3; seed++) {
        SpecificRecord event = SampleEvents.of(type, seed);
        assertThat(compiled(event)).as(type.getSimpleName()).isEqualTo(avro(event));
        nullEveryOptionalField(event);
        assertThat(compiled(event))
            .as(type.getSimpleName() + " without optionals")
            .isEqualTo(avro(event));
      }
    }
  }

  /**
   * Property: for random schemas covering every Avro type and logical type, and many random values
   * of each, the compiled writer writes Avro's bytes (Avro's writer with the same conversions).
   */
  @Test
  void randomSchemasOfEveryTypeAndLogicalTypeAreWrittenAsAvroWritesThem() throws IOException {
    for (int seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      RandomSchemas generator = new RandomSchemas(random);
      Schema schema = new Schema.Parser().parse(generator.record().toString());
      DatumWriter<Object> compiled = new CompiledDatumWriter(schema, RandomSchemas.MODEL);
      DatumWriter<Object> avro = new GenericDatumWriter<>(schema, RandomSchemas.MODEL);
      for (int i = 0; i < 50; i++) {
        Object value = generator.value(schema, 0);
        assertThat(encode(compiled, value))
            .as("seed %d, value %d of %s", seed, i, schema)
            .isEqualTo(encode(avro, value));
      }
    }
  }

  @Test
  void aDecimalFieldIsWrittenWithTheModelsConversion() throws IOException {
    Schema schema =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Price", "fields": [
                  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
                                              "precision": 9, "scale": 2}},
                  {"name": "maybe", "type": ["null", "string", {"type": "fixed", "name": "D",
                    "size": 8, "logicalType": "decimal", "precision": 12, "scale": 3}]}
                ]}
                """);
    GenericData.Record price = new GenericData.Record(schema);
    price.put("amount", new java.math.BigDecimal("1234567.89"));
    price.put("maybe", new java.math.BigDecimal("-12.345"));

    assertThat(encode(new CompiledDatumWriter(schema, RandomSchemas.MODEL), price))
        .isEqualTo(encode(new GenericDatumWriter<>(schema, RandomSchemas.MODEL), price));
  }

  @Test
  void typesOutsideThePlanAreWrittenByAvroInPlace() throws IOException {
    GenericRecord inner = node("inner", null);
    inner.put("either", 7);
    GenericRecord outer = node("outer", inner);
    outer.put("either", new Utf8("text"));
    outer.put("later", "present");

    assertThat(encode(new CompiledDatumWriter(EVERY_KIND, GenericData.get()), outer))
        .isEqualTo(encode(new GenericDatumWriter<>(EVERY_KIND), outer));
  }

  @Test
  void aMissingRequiredFieldIsNamedByItsPath() {
    TrainingCompleted broken = SampleEvents.of(TrainingCompleted.class, 1);
    broken.put(broken.getSchema().getField("model_path").pos(), null);

    assertThatThrownBy(() -> compiled(broken))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("TrainingCompleted.model_path");
  }

  private static GenericRecord node(String name, GenericRecord next) {
    GenericRecord node = new GenericData.Record(EVERY_KIND);
    node.put("name", name);
    node.put("flag", true);
    node.put("ratio", 0.25f);
    node.put("at", 1_700_000_000_123L);
    node.put("color", new GenericData.EnumSymbol(EVERY_KIND.getField("color").schema(), "BLUE"));
    node.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    node.put(
        "hash",
        new GenericData.Fixed(EVERY_KIND.getField("hash").schema(), new byte[] {9, 8, 7, 6}));
    node.put("tags", List.of("a", "b"));
    node.put("counts", Map.of("x", 3L));
    node.put("next", next);
    return node;
  }

  /** Sets every {@code [null, X]} field of the record and its nested records to null. */
  private static void nullEveryOptionalField(IndexedRecord record) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (field.schema().isNullable()) {
        record.put(field.pos(), null);
      } else if (value instanceof IndexedRecord nested) {
        nullEveryOptionalField(nested);
      }
    }
  }

  private static byte[] compiled(SpecificRecord event) throws IOException {
    return encode(CompiledDatumWriter.forClass(event.getClass()), event);
  }

  private static byte[] avro(SpecificRecord event) throws IOException {
    return encode(new SpecificDatumWriter<>(event.getSchema()), event);
  }

  private static byte[] encode(DatumWriter<Object> writer, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer.write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
