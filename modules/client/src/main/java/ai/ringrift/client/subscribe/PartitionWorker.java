package ai.ringrift.client.subscribe;

import com.codahale.metrics.Gauge;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one assigned partition, handled one at a time and in order on the shared handler
 * threads. The poll thread hands records in and reads back the offset up to which every record is
 * done ({@link #committable()}); it never waits for a handler.
 */
final class PartitionWorker {
  private final TopicPartition partition;
  private final RecordProcessor<? extends SpecificRecord> processor;
  private final WorkerServices services;
  private final Queue<ConsumerRecord<byte[], byte[]>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean stopped;
  private volatile long committable = -1;
  private volatile long lag;
  private final Gauge<Long> lagGauge = this::lag;

  PartitionWorker(
      TopicPartition partition,
      Subscription<? extends SpecificRecord> subscription,
      WorkerServices services) {
    this.partition = partition;
    this.services = services;
    this.processor =
        new RecordProcessor<>(subscription, services, () -> stopped, () -> List.copyOf(queue));
  }

  TopicPartition partition() {
    return partition;
  }

  /** Adds fetched records (in offset order) and starts handling them if idle. */
  void enqueue(List<ConsumerRecord<byte[], byte[]>> records) {
    if (stopped || records.isEmpty()) {
      return;
    }
    queue.addAll(records);
    queued.addAndGet(records.size());
    schedule();
  }

  /** Records fetched and not yet started. */
  int queued() {
    return queued.get();
  }

  /** The offset to commit: one past the last record done, or -1 when none is done yet. */
  long committable() {
    return committable;
  }

  /** Starts no further record and abandons a pending retry; the running one may finish. */
  void stop() {
    stopped = true;
    queue.clear();
    queued.set(0);
    processor.interruptWait();
  }

  /** Waits until no record is running (after {@link #stop()}), at most {@code timeoutMs}. */
  synchronized boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (running.get()) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /**
   * Records not handled yet: those on the broker past the fetch position ({@code fetchLag}), those
   * fetched and waiting, and the one running.
   */
  long updateLag(OptionalLong fetchLag) {
    if (fetchLag.isPresent()) {
      lag = fetchLag.getAsLong() + queued.get() + (running.get() ? 1 : 0);
    }
    return lag;
  }

  long lag() {
    return lag;
  }

  /** This worker's lag as a gauge (one object, so it can be removed only by its owner). */
  Gauge<Long> lagGauge() {
    return lagGauge;
  }

  private void schedule() {
    if (!stopped && !queue.isEmpty() && running.compareAndSet(false, true)) {
      execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      // after a configuration error nothing further is handled: no offset moves past the record
      ConsumerRecord<byte[], byte[]> record =
          stopped || services.halt().isSet() ? null : queue.poll();
      if (record == null) {
        idle();
        schedule(); // a record may have come in between poll() and idle()
        return;
      }
      queued.decrementAndGet();
      CompletableFuture<Boolean> done = processor.process(record);
      if (!done.isDone()) {
        done.whenComplete(
            (ok, e) -> {
              finish(record, ok);
              execute(this::drain);
            });
        return;
      }
      finish(record, done.getNow(false));
    }
  }

  private void finish(ConsumerRecord<byte[], byte[]> record, Boolean committed) {
    if (Boolean.TRUE.equals(committed)) {
      committable = record.offset() + 1;
    }
  }

  private void execute(Runnable task) {
    try {
      services.handlers().execute(task);
    } catch (RejectedExecutionException e) {
      idle(); // the subscriber is shutting down
    }
  }

  private synchronized void idle() {
    running.set(false);
    notifyAll();
  }
}
