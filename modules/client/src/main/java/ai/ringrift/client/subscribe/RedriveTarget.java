package ai.ringrift.client.subscribe;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header that sends a redriven dead letter back to the one consumer that gave up on it ({@code
 * ringrift events dlq redrive}; {@code docs/event-contract.md}). A redrive writes the record back
 * to its original topic, which every consumer group of that topic reads; the groups that handled
 * the event the first time skip a record meant for another, so the redrive is handled once, by the
 * group it is for, however long after the first delivery it comes. Every consumer of the platform
 * checks it: the subscriber, the Streams apps and the group-less readers.
 */
public final class RedriveTarget {
  /** The consumer group (subscriber name, Streams application id) a redriven record is for. */
  public static final String HEADER = "ringrift.redrive.for";

  private RedriveTarget() {}

  /** The group the record was redriven for, if it is a targeted redrive. */
  public static Optional<String> of(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(HEADER);
    if (header == null || header.value() == null || header.value().length == 0) {
      return Optional.empty();
    }
    return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** True when the record is a redrive for a consumer other than {@code group}: skip it. */
  public static boolean isForAnother(Headers headers, String group) {
    return of(headers).map(target -> !target.equals(group)).orElse(false);
  }

  /** True when the record is a redrive for some consumer (a group-less reader skips it). */
  public static boolean isRedrive(Headers headers) {
    return of(headers).isPresent();
  }
}
