package ai.ringrift.client.serde;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro: fetches the writer's schema by id (once per id) and resolves it to
 * the reader schema, which is the configured class's compiled schema, so a consumer built with an
 * older or newer schema reads what the level allows. Without a configured class it yields {@code
 * GenericRecord}s (whose {@code toString} is JSON), e.g. in Kafka's console consumer. Bad bytes
 * fail as {@link EventDecodingException}s ({@link WireFormatException}, {@link
 * UnknownSchemaIdException}) that the consumer layer sends to the DLQ; plain Avro (a writer using
 * {@code wire.format: plain}) fails as a {@link WireFormatMismatchException}, which stops the
 * reader; an unreachable registry fails as a retriable {@link SchemaRegistryException}.
 *
 * @param <T> the record type
 */
public class RegistryAvroDeserializer<T> implements Deserializer<T> {
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private Schema readerSchema;
  private boolean specificByName;
  private boolean generic;

  /** For Kafka to instantiate by class name; {@link #configure} must follow. */
  public RegistryAvroDeserializer() {}

  /** A deserializer to {@code type} (null for GenericRecord) sharing {@code client} with others. */
  public RegistryAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
    this.client = client;
    this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
  }

  /**
   * A deserializer resolving every record to {@code readerSchema} as a GenericRecord, e.g. to read
   * a topic as an older or newer version of its schema.
   */
  public static <T> RegistryAvroDeserializer<T> withReaderSchema(
      SchemaRegistryClient client, Schema readerSchema) {
    RegistryAvroDeserializer<T> deserializer = new RegistryAvroDeserializer<>(client, null);
    deserializer.readerSchema = readerSchema;
    deserializer.generic = true;
    return deserializer;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    RegistrySerdeConfig config = RegistrySerdeConfig.from(configs);
    this.client = new SchemaRegistryClient(config.client());
    this.specificByName = config.specificReader();
    Optional<String> type = isKey ? config.keyType() : config.valueType();
    this.readerSchema = type.map(RegistryAvroDeserializer::compiledSchema).orElse(null);
  }

  /**
   * Decodes {@code data}. Bytes whose framing fails (no magic byte 0, too short, an id the registry
   * does not know) and that are a whole plain Avro record of the reader schema fail as a {@link
   * WireFormatMismatchException} (their writer uses the other format); other bad bytes fail as an
   * {@link EventDecodingException}. A record whose id the registry knows is framed, whatever its
   * datum.
   */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    DatumReader<T> reader;
    int id;
    try {
      id = ConfluentWire.schemaId(topic, data);
      reader = readers.get(id);
      if (reader == null) {
        reader = readerFor(topic, id);
        readers.put(id, reader);
      }
    } catch (WireFormatException | UnknownSchemaIdException e) {
      Framing.requireNotOther(topic, data, readerSchema, WireFormat.REGISTRY);
      throw e;
    }
    return decode(topic, data, id, reader);
  }

  private T decode(String topic, byte[] data, int id, DatumReader<T> reader) {
    BoundedDecoder decoder = ConfluentWire.datum(data);
    try {
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new WireFormatException(
            topic, "bytes are left over after decoding the record of schema id " + id);
      }
      return value;
    } catch (EventDecodingException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // truncated data, a bad union index, an impossible length: not a record of this schema
      throw new WireFormatException(
          topic, "value is not valid Avro for schema id " + id + " (" + e + ")", e);
    }
  }

  private DatumReader<T> readerFor(String topic, int id) {
    Schema writer;
    try {
      writer = client.schemaById(id);
    } catch (SchemaRegistryException.SchemaNotFound e) {
      throw new UnknownSchemaIdException(topic, id, e);
    }
    Schema reader = readerSchema != null ? readerSchema : byName(writer);
    if (reader == null) {
      return new GenericDatumReader<>(writer, writer);
    }
    var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new EventDecodingException(
          topic,
          "a record written with schema id "
              + id
              + " ("
              + writer.getFullName()
              + ") cannot be read as "
              + reader.getFullName()
              + ": "
              + compatibility.getResult().getIncompatibilities());
    }
    return generic
        ? new GenericDatumReader<>(writer, reader)
        : new SpecificDatumReader<>(writer, reader);
  }

  private Schema byName(Schema writer) {
    if (!specificByName) {
      return null;
    }
    Class<?> type = SpecificData.get().getClass(writer);
    return type == null ? null : SpecificData.get().getSchema(type);
  }

  private static Schema compiledSchema(String className) {
    try {
      return SpecificData.get().getSchema(Class.forName(className));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          RegistrySerdeConfig.VALUE_TYPE + ": no class " + className + " on the classpath", e);
    }
  }

  @Override
  public void close() {
    // the client holds no connections between calls
  }
}
