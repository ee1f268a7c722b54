package ai.ringrift.benchmarks.publisher;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the CPU went during one run, per record: the calling thread (building, serializing and
 * handing records to the producer), the producer's I/O thread, the other Java threads (the
 * in-process broker and registry) and the rest of the process (GC, JIT). On a machine with few
 * cores the rate follows the process total, so this says where a difference in rate comes from.
 *
 * <p>Threads are read every {@value #PERIOD_MS} ms because Kafka's tool closes its producer, and
 * with it the I/O thread, inside the run: that thread's last few milliseconds go uncounted.
 */
final class CpuMeter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final int PERIOD_MS = 10;
  private static final String PRODUCER_IO = "kafka-producer-network-thread";

  /**
   * CPU microseconds per record, by where they were spent; bytes allocated per record on the
   * calling thread and in all Java threads; the run's garbage collections and JIT compilation
   * (milliseconds: the collections' pauses, the compilers' time).
   */
  record Spent(
      double caller,
      double producerIo,
      double otherThreads,
      double vm,
      double callerBytes,
      double allBytes,
      long collections,
      long gcMs,
      long jitMs) {
    double process() {
      return caller + producerIo + otherThreads + vm;
    }
  }

  private final Thread caller = Thread.currentThread();
  private final long process = OS.getProcessCpuTime();
  private final long collections = collections();
  private final long gcMs = gcMillis();
  private final long jitMs = jitMillis();
  private final Map<Thread, Reading> first = new HashMap<>();
  private final Map<Thread, Reading> last = new HashMap<>();

  /** One thread's CPU nanoseconds and allocated bytes so far. */
  private record Reading(long cpu, long bytes) {
    static final Reading NONE = new Reading(0, 0);
  }

  private final Thread sampler;
  private volatile boolean stopped;

  private CpuMeter() {
    read(first);
    sampler = new Thread(this::sample, "bench-cpu-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts measuring; the calling thread is the one that sends. */
  static CpuMeter start() {
    return new CpuMeter();
  }

  /** What was spent since {@link #start()}, per record. */
  Spent stop(int records) throws InterruptedException {
    stopped = true;
    sampler.join();
    long processNanos = OS.getProcessCpuTime() - process;
    read(last);
    long callerNanos = 0;
    long io = 0;
    long other = 0;
    long meter = 0;
    long callerBytes = 0;
    long allBytes = 0;
    for (Map.Entry<Thread, Reading> seen : last.entrySet()) {
      Thread thread = seen.getKey();
      Reading before = first.getOrDefault(thread, Reading.NONE);
      long spent = seen.getValue().cpu() - before.cpu();
      long allocated = seen.getValue().bytes() - before.bytes();
      allBytes += thread == sampler ? 0 : allocated;
      if (thread == caller) {
        callerNanos += spent;
        callerBytes = allocated;
      } else if (thread.getName().startsWith(PRODUCER_IO)) {
        io += spent;
      } else if (thread == sampler) {
        meter += spent; // the measurement's own cost, counted nowhere
      } else {
        other += spent;
      }
    }
    double perRecord = 1e3 * records;
    return new Spent(
        callerNanos / perRecord,
        io / perRecord,
        other / perRecord,
        Math.max(0, processNanos - meter - callerNanos - io - other) / perRecord,
        (double) callerBytes / records,
        (double) allBytes / records,
        collections() - collections,
        gcMillis() - gcMs,
        jitMillis() - jitMs);
  }

  private void sample() {
    while (!stopped) {
      read(last);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
    }
  }

  /** CPU time and allocation of every live thread; a thread that died keeps its last reading. */
  private static void read(Map<Thread, Reading> into) {
    ThreadGroup root = rootGroup();
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      long id = threads[i].getId();
      long nanos = THREADS.getThreadCpuTime(id);
      if (nanos >= 0) {
        into.put(threads[i], new Reading(nanos, THREADS.getThreadAllocatedBytes(id)));
      }
    }
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
    }
    return count;
  }

  private static long gcMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis;
  }

  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  /** The one-minute load average, or -1 where the OS does not tell. */
  static double loadAverage() {
    return OS.getSystemLoadAverage();
  }
}
