package ai.ringrift.client.subscribe;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration error that stops a subscriber ({@link Failures.Kind#MISCONFIGURED}): set once
 * by the worker that met it, read by the poll thread and by every worker before its next record.
 */
final class Halt {
  private final AtomicReference<RuntimeException> error = new AtomicReference<>();

  /** Stops the subscriber with {@code cause} (the first one set wins). */
  void set(RuntimeException cause) {
    error.compareAndSet(null, cause);
  }

  /** The error, or null while none was met. */
  RuntimeException error() {
    return error.get();
  }

  boolean isSet() {
    return error.get() != null;
  }
}
