package ai.ringrift.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.registry.compat.CompatibilityLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records of {@code _schemas}, byte for byte, as Confluent's server writes them: its storage
 * classes ({@code SchemaKey}, {@code SchemaValue}, {@code ConfigKey}, {@code ConfigValue}, {@code
 * ModeKey}, {@code ModeValue}, {@code DeleteSubjectKey}, {@code DeleteSubjectValue}, {@code
 * ClearSubjectKey}, {@code ClearSubjectValue}, {@code ContextKey}, {@code ContextValue}) fix the
 * field order with {@code @JsonPropertyOrder} or their creator's parameters and leave unset fields
 * out ({@code NON_EMPTY}); {@code schemaType} AVRO is left out. The expected bytes below are those
 * records (the same that Karapace and Redpanda test their readers of Confluent's topic with). Each
 * case is written by {@link StoreRecords} and read back by {@link StoreReader}.
 */
class StoreRecordsTest {
  static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[]}";
  static final String QUOTED =
      "\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Thing\\\",\\\"fields\\\":[]}\"";
  static final SchemaReference HEADER =
      new SchemaReference("ai.ringrift.events.EventHeader", "header", 1);

  record Case(
      String name,
      byte[] key,
      byte[] value,
      String expectedKey,
      String expectedValue,
      StoreRecord read) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> records() {
    StoredSchema plain = StoredSchema.avro("t-value", 1, 7, SCHEMA);
    StoredSchema referencing =
        new StoredSchema("e-value", 2, 8, "AVRO", List.of(HEADER), SCHEMA, false);
    StoredSchema deleted = plain.withDeleted(true);
    return Stream.of(
            new Case(
                "schema version",
                StoreRecords.schemaKey("t-value", 1),
                StoreRecords.schemaValue(plain),
                "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"t-value\",\"version\":1,\"id\":7,\"schema\":"
                    + QUOTED
                    + ",\"deleted\":false}",
                new StoreRecord.SchemaVersion("t-value", 1, plain)),
            new Case(
                "schema version with a reference",
                StoreRecords.schemaKey("e-value", 2),
                StoreRecords.schemaValue(referencing),
                "{\"keytype\":\"SCHEMA\",\"subject\":\"e-value\",\"version\":2,\"magic\":1}",
                "{\"subject\":\"e-value\",\"version\":2,\"id\":8,\"references\":[{\"name\":"
                    + "\"ai.ringrift.events.EventHeader\",\"subject\":\"header\",\"version\":1}],"
                    + "\"schema\":"
                    + QUOTED
                    + ",\"deleted\":false}",
                new StoreRecord.SchemaVersion("e-value", 2, referencing)),
            new Case(
                "soft-deleted version",
                StoreRecords.schemaKey("t-value", 1),
                StoreRecords.schemaValue(deleted),
                "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"t-value\",\"version\":1,\"id\":7,\"schema\":"
                    + QUOTED
                    + ",\"deleted\":true}",
                new StoreRecord.SchemaVersion("t-value", 1, deleted)),
            new Case(
                "permanently deleted version (tombstone)",
                StoreRecords.schemaKey("t-value", 1),
                null,
                "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}",
                null,
                new StoreRecord.SchemaVersion("t-value", 1, null)),
            new Case(
                "global config",
                StoreRecords.configKey(null),
                StoreRecords.configValue(null, new SubjectConfig(null, CompatibilityLevel.FULL)),
                "{\"keytype\":\"CONFIG\",\"magic\":0}",
                "{\"compatibilityLevel\":\"FULL\"}",
                new StoreRecord.Config(null, new SubjectConfig(null, CompatibilityLevel.FULL))),
            new Case(
                "subject config with normalize",
                StoreRecords.configKey("t-value"),
                StoreRecords.configValue(
                    "t-value", new SubjectConfig(true, CompatibilityLevel.BACKWARD_TRANSITIVE)),
                "{\"keytype\":\"CONFIG\",\"subject\":\"t-value\",\"magic\":0}",
                "{\"subject\":\"t-value\",\"normalize\":true,\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}",
                new StoreRecord.Config(
                    "t-value", new SubjectConfig(true, CompatibilityLevel.BACKWARD_TRANSITIVE))),
            new Case(
                "subject config removed",
                StoreRecords.configKey("t-value"),
                null,
                "{\"keytype\":\"CONFIG\",\"subject\":\"t-value\",\"magic\":0}",
                null,
                new StoreRecord.Config("t-value", null)),
            new Case(
                "global mode",
                StoreRecords.modeKey(null),
                StoreRecords.modeValue(null, Mode.IMPORT),
                "{\"keytype\":\"MODE\",\"magic\":0}",
                "{\"mode\":\"IMPORT\"}",
                new StoreRecord.ModeChange(null, Mode.IMPORT)),
            new Case(
                "subject mode",
                StoreRecords.modeKey("t-value"),
                StoreRecords.modeValue("t-value", Mode.READONLY),
                "{\"keytype\":\"MODE\",\"subject\":\"t-value\",\"magic\":0}",
                "{\"subject\":\"t-value\",\"mode\":\"READONLY\"}",
                new StoreRecord.ModeChange("t-value", Mode.READONLY)),
            new Case(
                "subject mode removed",
                StoreRecords.modeKey("t-value"),
                null,
                "{\"keytype\":\"MODE\",\"subject\":\"t-value\",\"magic\":0}",
                null,
                new StoreRecord.ModeChange("t-value", null)),
            new Case(
                "subject soft-deleted up to version 3",
                StoreRecords.deleteSubjectKey("t-value"),
                StoreRecords.deleteSubjectValue("t-value", 3),
                "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"t-value\",\"magic\":0}",
                "{\"subject\":\"t-value\",\"version\":3}",
                new StoreRecord.DeleteSubject("t-value", 3)),
            new Case(
                "soft-deleted versions of a subject cleared for IMPORT",
                StoreRecords.clearSubjectKey("t-value"),
                StoreRecords.clearSubjectValue("t-value"),
                "{\"keytype\":\"CLEAR_SUBJECT\",\"subject\":\"t-value\",\"magic\":0}",
                "{\"subject\":\"t-value\"}",
                new StoreRecord.ClearSubject("t-value")),
            new Case(
                "every subject cleared for a global IMPORT",
                StoreRecords.clearSubjectKey(null),
                StoreRecords.clearSubjectValue(null),
                "{\"keytype\":\"CLEAR_SUBJECT\",\"magic\":0}",
                "{}",
                new StoreRecord.ClearSubject(null)),
            new Case(
                "context",
                StoreRecords.contextKey(".staging"),
                StoreRecords.contextValue(".staging"),
                "{\"keytype\":\"CONTEXT\",\"tenant\":\"default\",\"context\":\".staging\",\"magic\":0}",
                "{\"tenant\":\"default\",\"context\":\".staging\"}",
                new StoreRecord.Context(".staging")))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void writesConfluentsBytesAndReadsThemBack(Case c) throws Exception {
    assertThat(text(c.key())).isEqualTo(c.expectedKey());
    assertThat(c.value() == null ? null : text(c.value())).isEqualTo(c.expectedValue());
    assertThat(
            StoreReader.read(
                bytes(c.expectedKey()),
                c.expectedValue() == null ? null : bytes(c.expectedValue())))
        .isEqualTo(c.read());
  }

  static Stream<Arguments> olderAndNewerForms() {
    return Stream.of(
        Arguments.of(
            "global config key of Confluent before 6.2, value without subject",
            "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
            "{\"compatibilityLevel\":\"NONE\"}",
            new StoreRecord.Config(null, new SubjectConfig(null, CompatibilityLevel.NONE))),
        Arguments.of(
            "subject mode value without its subject",
            "{\"keytype\":\"MODE\",\"subject\":\"t-value\",\"magic\":0}",
            "{\"mode\":\"READONLY\"}",
            new StoreRecord.ModeChange("t-value", Mode.READONLY)),
        Arguments.of(
            "schema value with the fields of newer releases (md5, metadata, ruleSet, ts)",
            "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"t-value\",\"version\":1,\"id\":7,\"md5\":\"abc\",\"metadata\":{},"
                + "\"ruleSet\":{},\"schema\":"
                + QUOTED
                + ",\"deleted\":false,\"ts\":1}",
            new StoreRecord.SchemaVersion(
                "t-value", 1, StoredSchema.avro("t-value", 1, 7, SCHEMA))),
        Arguments.of(
            "a Protobuf version written by Confluent's server",
            "{\"keytype\":\"SCHEMA\",\"subject\":\"p\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"p\",\"version\":1,\"id\":9,\"schemaType\":\"PROTOBUF\",\"schema\":\"x\",\"deleted\":false}",
            new StoreRecord.SchemaVersion(
                "p", 1, new StoredSchema("p", 1, 9, "PROTOBUF", List.of(), "x", false))),
        Arguments.of(
            "NOOP written by Confluent's leader",
            "{\"keytype\":\"NOOP\",\"magic\":0}",
            null,
            new StoreRecord.Ignored("NOOP")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("olderAndNewerForms")
  void readsOlderAndNewerForms(String name, String key, String value, StoreRecord expected)
      throws Exception {
    assertThat(StoreReader.read(bytes(key), value == null ? null : bytes(value)))
        .isEqualTo(expected);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
