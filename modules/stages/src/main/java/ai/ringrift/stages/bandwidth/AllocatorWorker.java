package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.runtime.roles.RoleLostException;
import ai.ringrift.runtime.roles.RoleTerm;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that allocates during one term. A Kafka failure (a write whose outcome is unknown, a
 * lost connection) throws the in-memory state away and rebuilds it from the topics; the loss of the
 * role ends the thread; anything else is a bug and crashes the daemon, which the launcher restarts.
 */
final class AllocatorWorker {
  private static final Logger LOGGER = LoggerFactory.getLogger(AllocatorWorker.class);

  private final RoleTerm term;
  private final AllocatorLoop.Parts parts;
  private final KafkaSettings kafka;
  private final Consumer<Throwable> crash;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile AllocatorLoop loop;

  private AllocatorWorker(
      RoleTerm term, AllocatorLoop.Parts parts, KafkaSettings kafka, Consumer<Throwable> crash) {
    this.term = term;
    this.parts = parts;
    this.kafka = kafka;
    this.crash = crash;
    this.thread = new Thread(this::run, "bandwidth-allocator");
  }

  static AllocatorWorker start(
      RoleTerm term, AllocatorLoop.Parts parts, KafkaSettings kafka, Consumer<Throwable> crash) {
    AllocatorWorker worker = new AllocatorWorker(term, parts, kafka, crash);
    worker.thread.start();
    return worker;
  }

  AllocatorStatus status() {
    AllocatorLoop current = loop;
    return current == null ? AllocatorStatus.REBUILDING : current.status();
  }

  /** Stops allocating and waits up to {@code timeout} for the thread to end. */
  void stop(Duration timeout) {
    running = false;
    stopped.countDown();
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running && term.isHeld()) {
      try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerConfig())) {
        consumer = reader;
        if (!running) {
          return;
        }
        loop = new AllocatorLoop(term, parts);
        loop.run(reader, () -> running);
      } catch (WakeupException e) {
        return; // stopping
      } catch (RoleLostException e) {
        LOGGER.info(
            "role={} term={} allocation ends: {}", term.role(), term.termId(), e.getMessage());
        return;
      } catch (KafkaException e) {
        LOGGER.warn(
            "role={} term={} allocation failed; rebuilding from the topics",
            term.role(),
            term.termId(),
            e);
        pause();
      } catch (RuntimeException e) {
        LOGGER.error("role={} term={} allocator crashed", term.role(), term.termId(), e);
        crash.accept(e);
        return;
      } finally {
        consumer = null;
      }
    }
  }

  private void pause() {
    try {
      stopped.await(parts.settings().checkIntervalMs(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bandwidth-allocator-" + term.holder());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }
}
