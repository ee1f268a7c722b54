package ai.ringrift.benchmarks.loop;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process's memory every few seconds: resident set (from {@code /proc/self/status}), heap in
 * use, and the old generation as the last collection left it (what the heap keeps; its growth over
 * a long run is a leak, the heap in use only says when the next collection comes).
 */
final class MemoryProbe implements AutoCloseable {
  /** One reading, in MiB, at {@code seconds} since the start. */
  record Sample(double seconds, double rssMb, double heapMb, double oldAfterGcMb) {}

  private final List<Sample> samples = new ArrayList<>();
  private final long start = System.nanoTime();
  private final long periodMillis;
  private final Thread thread;
  private volatile boolean stopped;

  MemoryProbe(long periodMillis) {
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::run, "bench-memory-probe");
    thread.setDaemon(true);
  }

  MemoryProbe start() {
    thread.start();
    return this;
  }

  private void run() {
    while (!stopped) {
      Sample sample = read();
      synchronized (this) {
        samples.add(sample);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Sample read() {
    double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
    double old = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old") && after != null) {
        old += after.getUsed() / MB;
      }
    }
    return new Sample((System.nanoTime() - start) / 1e9, rssMb(), heap, old);
  }

  /** Resident set size in MiB, or -1 where {@code /proc} does not tell. */
  static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  double now() {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join();
  }

  private static final double MB = 1024.0 * 1024.0;
}
