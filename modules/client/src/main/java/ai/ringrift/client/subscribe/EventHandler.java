package ai.ringrift.client.subscribe;

import org.apache.avro.specific.SpecificRecord;

/**
 * Handles one event type synchronously. It runs on the subscriber's handler threads, never on the
 * poll thread, so it may take as long as it needs; the event's offset is committed after it
 * returns. Throwing retries the event with backoff (a {@link NonRetriableException} or a decoding
 * error goes straight to the DLQ, see {@link Failures}).
 *
 * <p>Delivery is at-least-once: after a crash or a rebalance an event can come again. Make the
 * handler idempotent by the event id ({@code event.getHeader().getEventId()}), e.g. with a {@link
 * Deduplicator} or by recording handled ids where the handler writes its results.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface EventHandler<T extends SpecificRecord> {
  /** Handles {@code event}; {@code context} says where it came from and which attempt this is. */
  void handle(T event, EventContext context) throws Exception;
}
