package ai.ringrift.client.serde;

import ai.ringrift.events.catalog.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary: the value is the datum alone, written and read with the compiled schema. A
 * value in Confluent's framing fails as a {@link WireFormatMismatchException}.
 */
final class PlainAvroSerdes implements EventSerdes {
  private final EventKeySerde keys;

  PlainAvroSerdes(TopicCatalog catalog) {
    this.keys = new EventKeySerde(catalog);
  }

  @Override
  public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return Serdes.serdeFrom(new Writer<>(type), new Reader<>(type, schema));
  }

  @Override
  public Serde<String> key() {
    return keys;
  }

  @Override
  public WireFormat format() {
    return WireFormat.PLAIN;
  }

  private static final class Writer<T> implements Serializer<T> {
    private final DatumWriter<Object> writer;

    Writer(Class<T> type) {
      this.writer = CompiledDatumWriter.forClass(type);
    }

    @Override
    public byte[] serialize(String topic, T value) {
      if (value == null) {
        return null; // a tombstone on a compacted topic
      }
      try {
        return EncodeBuffer.encode(writer, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Reader<T> implements Deserializer<T> {
    private final DatumReader<T> reader;
    private final Schema schema;
    private final String typeName;

    Reader(Class<T> type, Schema schema) {
      this.reader = new SpecificDatumReader<>(type);
      this.schema = schema;
      this.typeName = schema.getName();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
      if (data == null) {
        return null;
      }
      try {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, null);
        T value = reader.read(null, decoder);
        if (!decoder.isEnd()) {
          throw new EventDecodingException(
              topic, "value is not a " + typeName + " record: bytes are left over after decoding");
        }
        return value;
      } catch (EventDecodingException e) {
        Framing.requireNotOther(topic, data, schema, WireFormat.PLAIN);
        throw e;
      } catch (IOException | RuntimeException e) {
        // truncated data, a bad union index, a negative length: the bytes are not this record,
        // unless they are one in Confluent's framing (a writer using the registry)
        Framing.requireNotOther(topic, data, schema, WireFormat.PLAIN);
        throw new EventDecodingException(
            topic, "value is not valid Avro for " + typeName + " (" + e + ")", e);
      }
    }
  }
}
