package ai.ringrift.stages.host;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time per key, in submission order, on a shared executor: a stage's triggers
 * for one config come from several topics (and so several partitions), but its runs for the config
 * must not overlap.
 */
final class KeyedSlots {
  private final Executor executor;
  private final Map<String, CompletableFuture<?>> tails = new HashMap<>();

  KeyedSlots(Executor executor) {
    this.executor = executor;
  }

  /** Runs {@code task} after every task submitted earlier for {@code key}. */
  synchronized <T> CompletableFuture<T> submit(String key, Callable<T> task) {
    CompletableFuture<?> tail = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
    CompletableFuture<T> next =
        tail.handle((ignored, error) -> null)
            .thenApplyAsync(
                ignored -> {
                  try {
                    return task.call();
                  } catch (RuntimeException e) {
                    throw e;
                  } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                },
                executor);
    tails.put(key, next);
    next.whenComplete((v, e) -> forget(key, next));
    return next;
  }

  private synchronized void forget(String key, CompletableFuture<?> done) {
    tails.remove(key, done);
  }
}
