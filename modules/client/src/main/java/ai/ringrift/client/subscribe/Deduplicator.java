package ai.ringrift.client.subscribe;

import ai.ringrift.events.contract.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * The plain consumers' half of the rule "one event counts once" ({@code docs/event-contract.md}):
 * makes handlers idempotent by event id, in memory and bounded. It remembers the id of every event
 * handled successfully for the dedup window ({@code dedup.windowHours} in {@code
 * config/client.yaml}), at most {@code capacity} of them (the oldest go first), and skips an event
 * whose id it remembers.
 *
 * <p>Copies are normal: an offset not committed before a rebalance or a restart is delivered again,
 * a publisher that retries after a timeout sends the same event again, a redrive sends a dead
 * letter back. Wrapping the handler turns that into exactly-once handling for as long as this
 * object lives: share one instance between the subscribers a process runs one after another. An id
 * is remembered only after the handler succeeded, so a failed attempt is retried, never skipped. A
 * copy that comes later than the window after the first is handled again. Across process restarts
 * the memory is gone; a handler that must not repeat work after a crash records handled event ids
 * where it writes its results (the stages use their compacted {@code ringrift.state.stage-runs}
 * topic for this, the Streams apps a changelogged store).
 *
 * <p>Unlike the original's 30-second content hash, two real events with the same content have two
 * ids and are both handled.
 */
public final class Deduplicator {
  private final int capacity;
  private final Duration window;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> handled = new LinkedHashMap<>();
  private final AtomicLong skipped = new AtomicLong();

  /** Remembers up to {@code capacity} event ids, each for as long as it fits. */
  public Deduplicator(int capacity) {
    this(capacity, null, Clock.systemUTC());
  }

  /**
   * Remembers up to {@code capacity} event ids, each for {@code window} after its event was handled
   * ({@code null}: for as long as it fits), by {@code clock}.
   */
  public Deduplicator(int capacity, Duration window, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (window != null && (window.isNegative() || window.isZero())) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.capacity = capacity;
    this.window = window;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A deduplicator with the window and capacity of {@code settings}, timed by {@code clock}. */
  public static Deduplicator from(DedupSettings settings, Clock clock) {
    return new Deduplicator(settings.capacity(), settings.window(), clock);
  }

  /** True when the event with this id was handled successfully (and is still remembered). */
  public synchronized boolean seen(String eventId) {
    Instant at = handled.get(eventId);
    return at != null && !expired(at, clock.instant());
  }

  /** Records that the event with this id was handled now. */
  public synchronized void remember(String eventId) {
    Instant now = clock.instant();
    handled.remove(eventId); // a copy past the window handled again: remembered from now on
    handled.put(eventId, now);
    Iterator<Map.Entry<String, Instant>> oldestFirst = handled.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<String, Instant> oldest = oldestFirst.next();
      if (handled.size() <= capacity && !expired(oldest.getValue(), now)) {
        break;
      }
      oldestFirst.remove();
    }
  }

  /** Ids remembered now (expired ones may still count until the next {@link #remember}). */
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
    BacklogHandler<T> wrapped =
        wrapWithBacklog((event, context, backlog) -> handler.handle(event, context));
    return (event, context) -> wrapped.handle(event, context, List::of);
  }

  /** As {@link #wrapAsync(AsyncEventHandler)}, for a handler that looks at its backlog. */
  public <T extends SpecificRecord> BacklogHandler<T> wrapWithBacklog(BacklogHandler<T> handler) {
    return (event, context, backlog) -> {
      String id = idOf(event);
      if (seen(id)) {
        skipped.incrementAndGet();
        return CompletableFuture.completedFuture(null);
      }
      var stage = handler.handle(event, context, backlog);
      if (stage == null) {
        remember(id);
        return CompletableFuture.completedFuture(null);
      }
      return stage.thenRun(() -> remember(id));
    };
  }

  private boolean expired(Instant handledAt, Instant now) {
    return window != null && !handledAt.plus(window).isAfter(now);
  }

  private static String idOf(SpecificRecord event) {
    return Events.eventId(event)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    Events.typeName(event) + " has no header: nothing to deduplicate by"));
  }
}
