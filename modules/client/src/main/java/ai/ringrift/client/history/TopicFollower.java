package ai.ringrift.client.history;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of {@link TopicReader}: follows topics without a consumer group on a thread of its
 * own and hands every committed record to a sink, in offset order per partition; e.g. state topics
 * read as tables, or a run's results counted as they come.
 *
 * <p>{@link #awaitCaughtUp} waits until the sink has had everything committed before the call (it
 * wakes the reader, so a caller pays a round trip, not a poll timeout). A failure the {@code
 * stopsOn} test accepts stops the follower; any other is logged, kept as {@link #lastError()} and
 * retried a second later.
 *
 * <pre>{@code
 * try (TopicFollower follower =
 *     TopicFollower.start(kafka, "state tables", topics, From.BEGINNING, e -> false, sink)) {
 *   follower.awaitCaughtUp(Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class TopicFollower implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RETRY_PAUSE_MS = 1000;

  /** Where following starts on every partition. */
  public enum From {
    /** The first record each partition still holds; partitions are looked up on the thread. */
    BEGINNING,
    /**
     * The end when {@link #start} returns: only what comes later; fails when a topic is missing.
     */
    END
  }

  /** A wait for the sink to have had everything up to the ends as of the request. */
  private static final class Barrier {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    Map<TopicPartition, Long> target;
  }

  private final TopicReader reader;
  private final String name;
  private final List<String> topics;
  private final Predicate<RuntimeException> stopsOn;
  private final Consumer<ConsumerRecord<byte[], byte[]>> sink;
  private final Queue<Barrier> barriers = new ConcurrentLinkedQueue<>();
  private final List<Barrier> waiting = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread thread;
  private List<TopicPartition> partitions;
  private volatile boolean reading;
  private volatile RuntimeException stopped;
  private volatile String lastError;

  private TopicFollower(
      KafkaSettings kafka,
      String name,
      Collection<String> topics,
      Predicate<RuntimeException> stopsOn,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    this.reader = new TopicReader(kafka, TIMEOUT);
    this.name = name;
    this.topics = List.copyOf(topics);
    this.stopsOn = stopsOn;
    this.sink = sink;
    this.thread = new Thread(this::run, name.replace(' ', '-'));
    thread.setDaemon(true);
  }

  /**
   * Starts following {@code topics} from {@code from}, giving each record to {@code sink} on the
   * follower's thread; {@code name} is the thread's and the log lines'.
   *
   * @throws HistoryException with {@link From#END}, when a topic does not exist
   */
  public static TopicFollower start(
      KafkaSettings kafka,
      String name,
      Collection<String> topics,
      From from,
      Predicate<RuntimeException> stopsOn,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    TopicFollower follower = new TopicFollower(kafka, name, topics, stopsOn, sink);
    if (from == From.END) {
      try {
        follower.follow(From.END);
      } catch (RuntimeException e) {
        follower.reader.close();
        throw e;
      }
    }
    follower.thread.start();
    return follower;
  }

  /**
   * Waits until the sink has had every record committed to the topics before this call.
   *
   * @throws TimeoutException when the follower did not get there within {@code timeout}
   * @throws IllegalStateException when the follower stopped
   */
  public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
    Barrier barrier = new Barrier();
    barriers.add(barrier);
    RuntimeException failure = stopped;
    if (failure != null) {
      barrier.done.completeExceptionally(failure);
    } else if (reading) {
      reader.wakeup(); // served now, not after the poll times out
    }
    try {
      barrier.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " stopped: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          name
              + " did not catch up with "
              + topics
              + " within "
              + timeout
              + (lastError == null ? "" : "; last error: " + lastError));
    }
  }

  /** The last error, while reading fails; empty once a read succeeds again. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** The topics followed. */
  public List<String> topics() {
    return topics;
  }

  /** Stops following (waits up to ten seconds for the thread to end). */
  @Override
  public void close() {
    closing.countDown();
    reader.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean closed() {
    return closing.getCount() == 0;
  }

  private void follow(From from) {
    List<TopicPartition> found = new ArrayList<>();
    topics.forEach(t -> found.addAll(reader.partitions(t)));
    reader.follow(from == From.END ? reader.ends(found) : reader.beginnings(found));
    partitions = found;
  }

  private void run() {
    try {
      while (partitions == null && !closed()) {
        attempt(() -> follow(From.BEGINNING));
      }
      reading = true; // from now on a wakeup can only end a poll or an offsets request
      while (!closed()) {
        attempt(this::round);
      }
    } catch (RuntimeException e) {
      stopped = e;
      lastError = e.toString();
      LOGGER.error("{} stopped: {}", name, e.toString(), e);
      barriers.forEach(b -> b.done.completeExceptionally(e));
      waiting.forEach(b -> b.done.completeExceptionally(e));
    } finally {
      reader.close();
    }
  }

  private void round() {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
      sink.accept(record);
    }
    lastError = null;
    serveBarriers();
  }

  /** Runs {@code step}; a failure {@code stopsOn} accepts ends the follower, others wait a bit. */
  private void attempt(Runnable step) {
    try {
      step.run();
    } catch (WakeupException e) {
      // a barrier or close asked while an offsets request ran: the next round serves it
    } catch (RuntimeException e) {
      if (stopsOn.test(e)) {
        throw e;
      }
      lastError = e.toString();
      LOGGER.warn("{}: reading {} failed (will retry): {}", name, topics, e.toString());
      try {
        closing.await(RETRY_PAUSE_MS, TimeUnit.MILLISECONDS); // a failing broker: do not spin
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        closing.countDown();
      }
    }
  }

  private void serveBarriers() {
    List<Barrier> added = new ArrayList<>();
    for (Barrier fresh = barriers.poll(); fresh != null; fresh = barriers.poll()) {
      added.add(fresh);
    }
    if (!added.isEmpty()) {
      try {
        Map<TopicPartition, Long> end = reader.ends(partitions);
        added.forEach(b -> b.target = end);
        waiting.addAll(added);
      } catch (RuntimeException e) {
        barriers.addAll(added); // asked again on the next round
        throw e;
      }
    }
    waiting.removeIf(
        b -> {
          if (reached(b.target)) {
            b.done.complete(null);
            return true;
          }
          return false;
        });
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (reader.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
