package ai.ringrift.stages.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A distribution's copies: how many at once, and how a hand-back stops them. */
class ParallelCopiesTest {
  static final Duration DEADLINE = Duration.ofSeconds(10);

  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger mostAtOnce = new AtomicInteger();
  final AtomicInteger done = new AtomicInteger();
  final CountDownLatch open = new CountDownLatch(1);

  @AfterEach
  void stop() {
    open.countDown();
  }

  @Test
  void runsAtMostMaxCopiesAtOnceAndWaitsForEveryOne() throws Exception {
    ParallelCopies copies = new ParallelCopies(2, "test");
    CompletableFuture<Void> distribution = distribute(copies, 6);
    await().atMost(DEADLINE).until(running::get, n -> n == 2);
    assertThat(distribution).as("four copies still to start").isNotDone();

    open.countDown();
    distribution.get();
    assertThat(done).hasValue(6);
    assertThat(mostAtOnce).hasValue(2);
    assertThat(copies.error()).isEmpty();
  }

  @Test
  void aHandBackStopsTheRunningCopiesAndReturnsOnlyWhenTheyHaveStopped() throws Exception {
    ParallelCopies copies = new ParallelCopies(3, "test");
    AtomicInteger stopped = new AtomicInteger();
    Thread run =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 3; i++) {
                  copies.start(
                      () -> {
                        running.incrementAndGet();
                        try {
                          open.await();
                        } finally {
                          running.decrementAndGet();
                        }
                      });
                }
                copies.awaitAll();
              } catch (InterruptedException e) {
                stopped.set(1 + running.get()); // 1 when no copy runs any more
              }
            });
    run.start();
    await().atMost(DEADLINE).until(running::get, n -> n == 3);
    run.interrupt();
    run.join(DEADLINE.toMillis());
    assertThat(stopped).as("handed back with no copy left running").hasValue(1);
    assertThat(copies.error()).as("a hand-back is no copy's error").isEmpty();
  }

  @Test
  void aCopyThatThrowsIsTheDistributionsError() throws Exception {
    ParallelCopies copies = new ParallelCopies(2, "test");
    copies.start(
        () -> {
          throw new IllegalStateException("no route to h3");
        });
    copies.start(done::incrementAndGet);
    copies.awaitAll();
    assertThat(done).hasValue(1);
    assertThat(copies.error()).get().hasToString("java.lang.IllegalStateException: no route to h3");
  }

  private CompletableFuture<Void> distribute(ParallelCopies copies, int hosts) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (int i = 0; i < hosts; i++) {
              copies.start(this::copy);
            }
            copies.awaitAll();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void copy() throws InterruptedException {
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      open.await();
      done.incrementAndGet();
    } finally {
      running.decrementAndGet();
    }
  }
}
