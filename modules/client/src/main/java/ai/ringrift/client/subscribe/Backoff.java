package ai.ringrift.client.subscribe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The waits of one partition's record: before a retry, before writing to the DLQ again. A wait ends
 * early when the partition's worker stops, so a revoke or close never sits out a long backoff.
 */
final class Backoff {
  private final ScheduledExecutorService timer;
  private final BooleanSupplier stopped;
  private volatile CompletableFuture<Void> pending;

  Backoff(ScheduledExecutorService timer, BooleanSupplier stopped) {
    this.timer = timer;
    this.stopped = stopped;
  }

  /** Completes after {@code wait}, or at once when stopped or shutting down. */
  CompletableFuture<Void> after(Duration wait) {
    CompletableFuture<Void> waited = new CompletableFuture<>();
    pending = waited;
    try {
      timer.schedule(() -> waited.complete(null), wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      waited.complete(null); // shutting down: the caller sees the stop and gives up
    }
    if (stopped.getAsBoolean()) {
      waited.complete(null);
    }
    return waited;
  }

  /** Ends the current wait now (the worker was stopped). */
  void interrupt() {
    CompletableFuture<Void> wait = pending;
    if (wait != null) {
      wait.complete(null);
    }
  }
}
