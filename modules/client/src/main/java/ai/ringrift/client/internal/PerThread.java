package ai.ringrift.client.internal;

import java.util.function.Supplier;

/**
 * A value per thread, like {@link ThreadLocal}, with the last thread's value remembered so that a
 * thread calling again and again (a trainer's publishing loop) skips the thread-local map: its
 * lookup probes past other threads' entries when hashes collide, which showed up at a few percent
 * of a publish in profiles. Not public API.
 *
 * @param <T> the value; each thread gets its own from the supplier
 */
public final class PerThread<T> {
  private final ThreadLocal<T> values;
  private volatile Owned<T> last;

  private record Owned<T>(Thread thread, T value) {}

  /** Values made by {@code initial}, once per thread. */
  public PerThread(Supplier<? extends T> initial) {
    this.values = ThreadLocal.withInitial(initial);
  }

  /** The calling thread's value. */
  public T get() {
    Thread thread = Thread.currentThread();
    Owned<T> owned = last;
    if (owned != null && owned.thread() == thread) {
      return owned.value();
    }
    T value = values.get();
    last = new Owned<>(thread, value);
    return value;
  }

  /** Forgets the calling thread's value: its next {@link #get()} makes a new one. */
  public void reset() {
    Thread thread = Thread.currentThread();
    Owned<T> owned = last;
    if (owned != null && owned.thread() == thread) {
      last = null;
    }
    values.remove();
  }
}
