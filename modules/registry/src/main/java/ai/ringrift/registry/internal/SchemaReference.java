package ai.ringrift.registry.internal;

import java.util.Comparator;

/**
 * A named type that a schema takes from another subject's version, as Confluent's {@code
 * references} entries say it: {@code {"name":"ai.ringrift.events.EventHeader",
 * "subject":"ai.ringrift.events.EventHeader","version":1}}.
 *
 * @param name the full name of the referenced Avro type
 * @param subject the subject that holds it
 * @param version the version of that subject
 */
public record SchemaReference(String name, String subject, int version)
    implements Comparable<SchemaReference> {
  private static final Comparator<SchemaReference> ORDER =
      Comparator.comparing(SchemaReference::name)
          .thenComparing(SchemaReference::subject)
          .thenComparingInt(SchemaReference::version);

  @Override
  public int compareTo(SchemaReference other) {
    return ORDER.compare(this, other);
  }
}
