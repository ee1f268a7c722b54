package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.RawTopic;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Follows the assigned partitions until Ctrl-C (a shutdown hook wakes the consumer and waits for
 * the last line to be printed), {@code max} events or the timeout.
 */
final class Follower {
  private final RawTopic raw;
  private final ConfigFilter filter;
  private final RecordPrinter printer;
  private volatile boolean stoppedByUser;

  Follower(RawTopic raw, ConfigFilter filter, RecordPrinter printer) {
    this.raw = raw;
    this.filter = filter;
    this.printer = printer;
  }

  /** Follows; returns how many events were printed. */
  int follow(Integer max, Duration timeout) {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stoppedByUser = true;
              raw.wakeup();
              awaitQuietly(done);
            },
            "tail-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    int shown = 0;
    try {
      while (!stoppedByUser && System.nanoTime() < deadline && (max == null || shown < max)) {
        for (ConsumerRecord<byte[], byte[]> r : raw.poll()) {
          if (max != null && shown >= max) {
            break;
          }
          if (filter.matches(keyText(r))) {
            var decoded = printer.decode(r);
            if (decoded.isPresent()) {
              printer.print(decoded.get());
              shown++;
            }
          }
        }
      }
      return shown;
    } finally {
      done.countDown();
      removeQuietly(hook);
    }
  }

  /** True when Ctrl-C ended the tail. */
  boolean stoppedByUser() {
    return stoppedByUser;
  }

  private static String keyText(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void awaitQuietly(CountDownLatch done) {
    try {
      done.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeQuietly(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running
    }
  }
}
