package ai.ringrift.benchmarks.loop;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.SelfplayBatchCompleted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * The simulated selfplay hosts: every host plays every config and reports a batch of each every
 * interval, the hosts' reports spread evenly over the interval. A batch is a game file where the
 * training host reads games (the instant sync copies nothing) and a {@code SelfplayBatchCompleted}.
 * One thread and one publisher stand in for all hosts: a thousand producers in one JVM would
 * measure the JVM, not the platform.
 */
final class SelfplayLoad implements AutoCloseable {
  private final List<String> hosts;
  private final List<ConfigKey> configs;
  private final double rate;
  private final int games;
  private final EventPublisher publisher;
  private final BiFunction<ConfigKey, String, Path> gamesDir;
  private final Set<Path> created = new HashSet<>();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final Thread thread;
  private final byte[] file;
  private volatile boolean stopped;
  private long sequence;

  /**
   * @param rate batches per second, all hosts and configs together
   * @param gamesDir where the training host reads a (config, host)'s games
   */
  SelfplayLoad(
      List<String> hosts,
      List<ConfigKey> configs,
      double rate,
      int games,
      EventPublisher publisher,
      BiFunction<ConfigKey, String, Path> gamesDir) {
    this.hosts = List.copyOf(hosts);
    this.configs = List.copyOf(configs);
    this.rate = rate;
    this.games = games;
    this.publisher = publisher;
    this.gamesDir = gamesDir;
    StringBuilder lines = new StringBuilder();
    for (int g = 0; g < games; g++) {
      lines.append("{\"game\":").append(g).append("}\n");
    }
    this.file = lines.toString().getBytes(StandardCharsets.UTF_8);
    this.thread = new Thread(this::run, "bench-selfplay-load");
  }

  SelfplayLoad start() {
    thread.start();
    return this;
  }

  /** Batches published so far. */
  long published() {
    return published.get();
  }

  /** Batches published more than 100 ms after they were due (the load could not keep up). */
  long late() {
    return late.get();
  }

  private void run() {
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    int pairs = hosts.size() * configs.size();
    for (long k = 0; !stopped; k++) {
      long due = start + k * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (wait < -100_000_000L) {
        late.incrementAndGet();
      }
      int pair = (int) (k % pairs);
      batch(hosts.get(pair / configs.size()), configs.get(pair % configs.size()));
    }
  }

  private void batch(String host, ConfigKey config) {
    Path dir = gamesDir.apply(config, host);
    try {
      if (created.add(dir)) {
        Files.createDirectories(dir);
      }
      Files.write(dir.resolve("b" + (++sequence) + ".games.jsonl"), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    publisher.publish(
        new SelfplayBatchCompleted(
            null, config, host, games, (long) games * sequence, dir.toString(), null, 60.0));
    published.incrementAndGet();
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join();
    publisher.flush();
  }
}
