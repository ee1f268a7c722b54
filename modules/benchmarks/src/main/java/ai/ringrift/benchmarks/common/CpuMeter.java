package ai.ringrift.benchmarks.common;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Where the CPU went during one run, per record: the calling thread (building, serializing and
 * handing records to the producer), the producer's I/O thread, the other Java threads (the
 * in-process broker and registry) and the rest of the process (GC, JIT). On a machine with few
 * cores the rate follows the process total, so this says where a difference in rate comes from.
 *
 * <p>Threads are read every {@value #PERIOD_MS} ms (or the period given) because Kafka's tool
 * closes its producer, and with it the I/O thread, inside the run: that thread's last few
 * milliseconds go uncounted. {@link #stop(Function)} sums the threads into groups a caller names
 * (the loop benchmark's services, by thread name) instead.
 */
public final class CpuMeter {
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
  public record Spent(
      double caller,
      double producerIo,
      double otherThreads,
      double vm,
      double callerBytes,
      double allBytes,
      long collections,
      long gcMs,
      long jitMs) {
    public double process() {
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

  /**
   * CPU and allocation of one group of threads over a run.
   *
   * @param cpuNanos CPU nanoseconds
   * @param bytes bytes allocated (0 for the group {@link #VM}, which has no Java threads)
   */
  public record Usage(long cpuNanos, long bytes) {}

  /** The group of {@link #stop(Function)} that holds the process's CPU outside Java threads. */
  public static final String VM = "jvm (gc, jit)";

  private final Thread sampler;
  private final long periodNanos;
  private volatile boolean stopped;

  private CpuMeter(Duration period) {
    this.periodNanos = period.toNanos();
    read(first);
    sampler = new Thread(this::sample, "bench-cpu-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts measuring; the calling thread is the one that sends. */
  public static CpuMeter start() {
    return new CpuMeter(Duration.ofMillis(PERIOD_MS));
  }

  /** Starts measuring, reading the threads every {@code period}. */
  public static CpuMeter start(Duration period) {
    return new CpuMeter(period);
  }

  /**
   * What every group of threads spent since the start; {@code group} names a thread's group. The
   * meter's own thread is left out; the process's CPU outside the threads is the group {@link #VM}.
   */
  public Map<String, Usage> stop(Function<Thread, String> group) throws InterruptedException {
    long processNanos = finish();
    Map<String, Usage> groups = new TreeMap<>();
    long threadsNanos = 0;
    for (Map.Entry<Thread, Reading> seen : last.entrySet()) {
      Thread thread = seen.getKey();
      Reading before = first.getOrDefault(thread, Reading.NONE);
      long cpu = seen.getValue().cpu() - before.cpu();
      threadsNanos += cpu;
      if (thread != sampler) {
        long bytes = seen.getValue().bytes() - before.bytes();
        groups.merge(
            group.apply(thread),
            new Usage(cpu, bytes),
            (a, b) -> new Usage(a.cpuNanos() + b.cpuNanos(), a.bytes() + b.bytes()));
      }
    }
    groups.put(VM, new Usage(Math.max(0, processNanos - threadsNanos), 0));
    return groups;
  }

  /** The process's CPU nanoseconds since the start, once the threads were read a last time. */
  private long finish() throws InterruptedException {
    stopped = true;
    sampler.join();
    long processNanos = OS.getProcessCpuTime() - process;
    read(last);
    return processNanos;
  }

  /** What was spent since {@link #start()}, per record. */
  public Spent stop(int records) throws InterruptedException {
    long processNanos = finish();
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
      LockSupport.parkNanos(periodNanos);
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
  public static double loadAverage() {
    return OS.getSystemLoadAverage();
  }
}
