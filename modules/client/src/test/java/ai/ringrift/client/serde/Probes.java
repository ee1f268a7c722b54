package ai.ringrift.client.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** An "older" and "newer" version of one record, as parsed schemas, for evolution tests. */
final class Probes {
  private Probes() {}

  static Schema probe(String extraField) {
    return new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"ai.ringrift.test\",\"fields\":"
                + "[{\"name\":\"id\",\"type\":\"string\"}"
                + extraField
                + "]}");
  }

  static final Schema V1 = probe("");
  static final Schema V2 = probe(",{\"name\":\"score\",\"type\":\"double\",\"default\":0.5}");
  static final Schema NO_DEFAULT = probe(",{\"name\":\"score\",\"type\":\"double\"}");

  static GenericRecord of(Schema schema, String id) {
    GenericData.Record record = new GenericData.Record(schema);
    record.put("id", id);
    if (schema.getField("score") != null) {
      record.put("score", 9.25);
    }
    return record;
  }
}
