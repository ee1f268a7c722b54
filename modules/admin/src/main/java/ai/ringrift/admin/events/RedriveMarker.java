package ai.ringrift.admin.events;

import ai.ringrift.client.subscribe.RedriveTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The note a redrive leaves in the dead-letter topic, committed in the same transaction as the
 * republished record: which DLQ record went where, when and by whom. A record with a marker is not
 * redriven again unless forced. A marker has no value and no {@code ringrift.dlq.*} headers, so
 * nothing mistakes it for a dead letter.
 *
 * @param of the DLQ record redriven, {@code partition@offset}
 * @param to where it went, {@code topic-partition@offset}
 * @param at when
 * @param by who ({@code user@host})
 * @param forGroup the consumer group it went back to (the one that gave up on it), or null when the
 *     dead letter names none and every group got it
 */
record RedriveMarker(String of, String to, Instant at, String by, String forGroup) {
  static final String OF = "ringrift.redrive.of";
  static final String TO = "ringrift.redrive.to";
  static final String AT = "ringrift.redrive.at";
  static final String BY = "ringrift.redrive.by";
  static final String FOR = RedriveTarget.HEADER;

  /** The header a redriven record carries: the DLQ record it came from, {@code dlq-p@o}. */
  static final String FROM = "ringrift.redrive.from";

  /** The marker {@code r} is, if it is one. */
  static Optional<RedriveMarker> of(ConsumerRecord<byte[], byte[]> r) {
    String of = text(r.headers(), OF);
    if (of == null) {
      return Optional.empty();
    }
    String at = text(r.headers(), AT);
    return Optional.of(
        new RedriveMarker(
            of,
            text(r.headers(), TO),
            at == null ? null : Instant.parse(at),
            text(r.headers(), BY),
            text(r.headers(), FOR)));
  }

  /** Where the redriven record is in the DLQ ({@link #of}). */
  OffsetRanges.Position position() {
    int at = of.indexOf('@');
    return new OffsetRanges.Position(
        Integer.parseInt(of.substring(0, at)), Long.parseLong(of.substring(at + 1)));
  }

  /** The marker's headers. */
  Headers headers() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(OF, bytes(of));
    headers.add(TO, bytes(to));
    headers.add(AT, bytes(at.toString()));
    headers.add(BY, bytes(by));
    if (forGroup != null) {
      headers.add(FOR, bytes(forGroup));
    }
    return headers;
  }

  @Override
  public String toString() {
    return "to " + to + (forGroup == null ? "" : " for " + forGroup) + " at " + at + " by " + by;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
