package ai.ringrift.stages.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The copies of one distribution, at most {@code max} at once: a pool of {@code max} threads of its
 * own (a distribution follows a promotion, so a pool per distribution costs little), shut down with
 * it. {@link #awaitAll()} returns when every copy has ended; when the run is handed back meanwhile,
 * it interrupts the copies still running and waits until they have stopped, so nothing a copy
 * started outlives the run.
 */
final class ParallelCopies {
  /** One copy; interrupted when the run is handed back. */
  @FunctionalInterface
  interface Copy {
    void run() throws InterruptedException;
  }

  private final ExecutorService pool;
  private final List<Future<?>> started = new ArrayList<>();
  private RuntimeException error;

  /** Copies on {@code max} threads named {@code threads}-copy-N. */
  ParallelCopies(int max, String threads) {
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            max,
            r -> {
              Thread t = new Thread(r, threads + "-copy-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts {@code copy} as soon as fewer than {@code max} copies run. */
  void start(Copy copy) {
    started.add(
        pool.submit(
            () -> {
              copy.run();
              return null;
            }));
  }

  /**
   * Waits until every started copy has ended; on interruption stops the copies still running, waits
   * for them, and throws.
   */
  void awaitAll() throws InterruptedException {
    try {
      for (Future<?> copy : started) {
        try {
          copy.get();
        } catch (ExecutionException e) {
          failed(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      stop();
      throw e;
    }
  }

  private void failed(Throwable cause) {
    if (error == null) {
      error =
          cause instanceof RuntimeException runtime
              ? runtime
              : new IllegalStateException("a copy was interrupted", cause);
    }
  }

  /** Stops what runs (interrupts it) and waits until it has stopped; ends the pool's threads. */
  void stop() {
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The first unexpected error of a copy, if one failed so. */
  Optional<RuntimeException> error() {
    return Optional.ofNullable(error);
  }
}
