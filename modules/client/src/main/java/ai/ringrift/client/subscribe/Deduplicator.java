package ai.ringrift.client.subscribe;

import ai.ringrift.events.contract.Events;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Makes handlers idempotent by event id, in memory and bounded: it remembers the ids of the last
 * {@code capacity} events handled successfully and skips an event whose id it remembers.
 *
 * <p>Delivery is at-least-once, so an event comes again when its offset was not committed before a
 * rebalance, a retry of the commit, or a restart of the subscriber. Wrapping the handler turns that
 * into exactly-once handling for as long as this object lives: share one instance between the
 * subscribers a process runs one after another. An id is remembered only after the handler
 * succeeded, so a failed attempt is retried, never skipped. Across process restarts the memory is
 * gone; a handler that must not repeat work after a crash records handled event ids where it writes
 * its results (the stages use their compacted {@code ringrift.state.stage-runs} topic for this).
 *
 * <p>Unlike the original's 30-second content hash, two real events with the same content have two
 * ids and are both handled.
 */
public final class Deduplicator {
  private final int capacity;
  private final Map<String, Boolean> handled;
  private final AtomicLong skipped = new AtomicLong();

  /** Remembers up to {@code capacity} event ids. */
  public Deduplicator(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.handled =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > Deduplicator.this.capacity;
          }
        };
  }

  /** A deduplicator of {@code settings.dedupCapacity()} ids. */
  public static Deduplicator from(SubscriberSettings settings) {
    return new Deduplicator(settings.dedupCapacity());
  }

  /** True when the event with this id was handled successfully (and is still remembered). */
  public synchronized boolean seen(String eventId) {
    return handled.containsKey(eventId);
  }

  /** Records that the event with this id was handled. */
  public synchronized void remember(String eventId) {
    handled.put(eventId, Boolean.TRUE);
  }

  /** Ids remembered now. */
  public synchronized int size() {
    return handled.size();
  }

  /** Events skipped because their id was remembered. */
  public long skipped() {
    return skipped.get();
  }

  /** {@code handler}, skipping events already handled and remembering those it handles. */
  public <T extends SpecificRecord> EventHandler<T> wrap(EventHandler<T> handler) {
    return (event, context) -> {
      String id = idOf(event);
      if (seen(id)) {
        skipped.incrementAndGet();
        return;
      }
      handler.handle(event, context);
      remember(id);
    };
  }

  /** {@code handler}, skipping events already handled and remembering those it handles. */
  public <T extends SpecificRecord> AsyncEventHandler<T> wrapAsync(AsyncEventHandler<T> handler) {
    return (event, context) -> {
      String id = idOf(event);
      if (seen(id)) {
        skipped.incrementAndGet();
        return CompletableFuture.completedFuture(null);
      }
      var stage = handler.handle(event, context);
      if (stage == null) {
        remember(id);
        return CompletableFuture.completedFuture(null);
      }
      return stage.thenRun(() -> remember(id));
    };
  }

  private static String idOf(SpecificRecord event) {
    return Events.eventId(event)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    Events.typeName(event) + " has no header: nothing to deduplicate by"));
  }
}
