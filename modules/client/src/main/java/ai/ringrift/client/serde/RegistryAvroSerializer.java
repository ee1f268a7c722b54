package ai.ringrift.client.serde;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (SpecificRecord or GenericRecord) in Confluent's wire format, registering or
 * looking up the schema once per subject and schema; after that it makes no registry call. Usable
 * by class name ({@code value.serializer=ai.ringrift.client.serde.RegistryAvroSerializer} plus
 * {@code schema.registry.url}; see {@link RegistrySerdeConfig} for the other properties).
 *
 * @param <T> the record type
 */
public class RegistryAvroSerializer<T> implements Serializer<T> {
  private final Map<Target, Writer> writers = new ConcurrentHashMap<>();

  /**
   * The writer last used on each topic and the schema it was for: no subject to make per record.
   */
  private final Map<String, Known> byTopic = new ConcurrentHashMap<>();

  private SchemaRegistryClient client;
  private RegistrySerdeConfig config;
  private boolean isKey;

  /** For Kafka to instantiate by class name; {@link #configure} must follow. */
  public RegistryAvroSerializer() {}

  /** A serializer sharing {@code client} (and its caches) with others. */
  public RegistryAvroSerializer(
      SchemaRegistryClient client, RegistrySerdeConfig config, boolean isKey) {
    this.client = client;
    this.config = config;
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = RegistrySerdeConfig.from(configs);
    this.client = new SchemaRegistryClient(config.client());
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null; // a tombstone on a compacted topic
    }
    if (!(value instanceof GenericContainer container)) {
      throw new SerializationException(
          "cannot serialize "
              + value.getClass().getName()
              + " on "
              + topic
              + ": not an Avro record");
    }
    Schema schema = container.getSchema();
    Known known = topic == null ? null : byTopic.get(topic);
    Writer writer =
        known != null && known.schema() == schema ? known.writer() : writer(topic, schema, value);
    return writer.write(value);
  }

  private Writer writer(String topic, Schema schema, T value) {
    String subject =
        (isKey ? config.keyStrategy() : config.valueStrategy()).subject(topic, isKey, schema);
    Writer writer = writers.computeIfAbsent(new Target(subject, schema), t -> resolve(t, value));
    if (topic != null) {
      byTopic.put(topic, new Known(schema, writer));
    }
    return writer;
  }

  private Writer resolve(Target target, Object sample) {
    Schema own = target.schema();
    DatumWriter<Object> direct =
        sample instanceof SpecificRecord
            ? new CompiledDatumWriter(own, SpecificData.getForClass(sample.getClass()))
            : new GenericDatumWriter<>(own);
    try {
      if (config.useLatest()) {
        int id = client.latest(target.subject()).id();
        Schema latest = client.schemaById(id);
        return latest.equals(own)
            ? new Writer(id, direct, null)
            : convert(target, id, latest, direct);
      }
      int id =
          config.autoRegister()
              ? lookUpOrRegister(target.subject(), own)
              : client.idOf(target.subject(), own);
      return new Writer(id, direct, null);
    } catch (SchemaRegistryException.SubjectNotFound | SchemaRegistryException.SchemaNotFound e) {
      throw new SerializationException(
          own.getFullName()
              + " is not registered under subject "
              + target.subject()
              + " and auto.register.schemas is off: register it first ("
              + e.getMessage()
              + ")",
          e);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "schema registry refused "
              + own.getFullName()
              + " for "
              + target.subject()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Auto-registration that writes only what is missing: a schema already under the subject is found
   * by a lookup (a read), so a client that may write only some subjects (a Streams app its internal
   * ones, registry-side) still uses the schemas an admin registered for the others.
   */
  private int lookUpOrRegister(String subject, Schema own) {
    try {
      return client.idOf(subject, own);
    } catch (SchemaRegistryException.SubjectNotFound | SchemaRegistryException.SchemaNotFound e) {
      return client.register(subject, own);
    }
  }

  /** Writes records of an older (or other) schema as the subject's latest version. */
  private static Writer convert(Target target, int id, Schema latest, DatumWriter<Object> own) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(latest, target.schema());
    if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new SerializationException(
          "use.latest.version: the latest version of "
              + target.subject()
              + " cannot represent "
              + target.schema().getFullName()
              + ": "
              + result.getDescription());
    }
    return new Writer(id, own, new GenericDatumReader<>(target.schema(), latest));
  }

  @Override
  public void close() {
    // the client holds no connections between calls
  }

  private record Target(String subject, Schema schema) {}

  private record Known(Schema schema, Writer writer) {}

  /** The id to frame with and how to write; {@code toLatest} reshapes a record first. */
  private record Writer(int id, DatumWriter<Object> own, GenericDatumReader<Object> toLatest) {
    byte[] write(Object value) {
      if (toLatest == null) {
        return ConfluentWire.write(id, own, value);
      }
      try {
        Object reshaped =
            toLatest.read(
                null, DecoderFactory.get().binaryDecoder(EncodeBuffer.encode(own, value), null));
        return ConfluentWire.write(id, new GenericDatumWriter<>(toLatest.getExpected()), reshaped);
      } catch (IOException e) {
        throw new SerializationException("cannot write as the latest schema", e);
      }
    }
  }
}
