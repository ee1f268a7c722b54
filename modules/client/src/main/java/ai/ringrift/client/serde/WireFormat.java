package ai.ringrift.client.serde;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How event values travel on Kafka; every reader and writer of one deployment uses one. */
public enum WireFormat {
  /**
   * Confluent-framed Avro through the schema registry: byte {@code 0x00}, the schema id as four
   * big-endian bytes, then the Avro datum. The platform's format, and the default.
   */
  REGISTRY,
  /** The Avro datum alone: only for a deployment where every reader and writer is plain. */
  PLAIN;

  /**
   * The name in {@code wire.format} and {@code RINGRIFT_WIRE_FORMAT}: {@code registry}, {@code
   * plain}.
   */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format called {@code name} ({@code registry} or {@code plain}, any case). */
  @JsonCreator
  public static WireFormat parse(String name) {
    for (WireFormat format : values()) {
      if (format.key().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("must be registry or plain, was '" + name + "'");
  }

  /** The format as messages name it. */
  String label() {
    return this == REGISTRY
        ? "Confluent-framed Avro (byte 0 and a schema id before the datum)"
        : "plain Avro (the datum alone)";
  }
}
