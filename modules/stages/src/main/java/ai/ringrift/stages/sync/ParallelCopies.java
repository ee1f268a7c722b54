package ai.ringrift.stages.sync;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most {@code max} copies of one distribution at once, on a shared executor that starts every
 * task it is given (a cached pool). {@link #awaitAll()} returns when every copy has ended; when the
 * run is handed back meanwhile, it interrupts the copies still running and waits until they have
 * stopped, so nothing a copy started outlives the run.
 */
final class ParallelCopies {
  /** One copy; interrupted when the run is handed back. */
  @FunctionalInterface
  interface Copy {
    void run() throws InterruptedException;
  }

  private final Executor executor;
  private final int max;
  private final Semaphore slots;
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();
  private final AtomicReference<RuntimeException> error = new AtomicReference<>();
  private volatile boolean stopped;

  ParallelCopies(Executor executor, int max) {
    this.executor = executor;
    this.max = max;
    this.slots = new Semaphore(max);
  }

  /** Starts {@code copy} once fewer than {@code max} run; waits for a free slot. */
  void start(Copy copy) throws InterruptedException {
    slots.acquire();
    try {
      executor.execute(() -> run(copy));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  private void run(Copy copy) {
    Thread self = Thread.currentThread();
    running.add(self);
    Thread.interrupted(); // a late interrupt meant for this thread's previous task
    try {
      if (!stopped) {
        copy.run();
      }
    } catch (InterruptedException e) {
      if (!stopped) { // not this run's hand-back: the copy did not happen, say so
        error.compareAndSet(null, new IllegalStateException("a copy was interrupted"));
      }
    } catch (RuntimeException e) {
      error.compareAndSet(null, e);
    } finally {
      running.remove(self);
      Thread.interrupted(); // the pool's thread is not for this run any more
      slots.release();
    }
  }

  /**
   * Waits until every started copy has ended; on interruption stops the copies still running, waits
   * for them, and throws.
   */
  void awaitAll() throws InterruptedException {
    try {
      slots.acquire(max);
      slots.release(max);
    } catch (InterruptedException e) {
      stop();
      throw e;
    }
  }

  /** Stops what runs (interrupts it) and waits until it has stopped. */
  void stop() {
    stopped = true;
    running.forEach(Thread::interrupt);
    slots.acquireUninterruptibly(max);
    slots.release(max);
  }

  /** The first unexpected error of a copy, if one failed so. */
  Optional<RuntimeException> error() {
    return Optional.ofNullable(error.get());
  }
}
