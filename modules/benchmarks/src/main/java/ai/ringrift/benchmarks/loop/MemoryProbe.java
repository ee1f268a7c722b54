package ai.ringrift.benchmarks.loop;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The process's memory every few seconds: resident set (from {@code /proc/self/status}), heap in
 * use, and the heap as the last garbage collection left it (what the heap keeps, from the JVM's GC
 * notifications; its growth over a long run is a leak, the heap in use only says when the next
 * collection comes).
 */
final class MemoryProbe implements AutoCloseable {
  /** One reading, in MiB, at {@code seconds} since the start. */
  record Sample(double seconds, double rssMb, double heapMb, double oldAfterGcMb) {}

  private volatile double afterGcMb;
  private final List<Runnable> unsubscribe = new ArrayList<>();

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
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener listener = (n, h) -> collected(n);
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (ListenerNotFoundException e) {
                // gone already
              }
            });
      }
    }
    thread.start();
    return this;
  }

  /** The heap after a collection: what every heap pool held when it ended. */
  private void collected(Notification notification) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (MemoryUsage after : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += after.getUsed();
    }
    long nonHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
      if (pool.getType() != MemoryType.HEAP && after != null) {
        nonHeap += after.getUsed();
      }
    }
    afterGcMb = (used - nonHeap) / MB;
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
    return new Sample((System.nanoTime() - start) / 1e9, rssMb(), heap, afterGcMb);
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
    unsubscribe.forEach(Runnable::run);
    thread.interrupt();
    thread.join();
  }

  private static final double MB = 1024.0 * 1024.0;
}
