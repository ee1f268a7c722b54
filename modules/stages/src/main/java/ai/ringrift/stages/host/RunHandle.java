package ai.ringrift.stages.host;

import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

/**
 * A trigger being worked on by a thread of this instance, which another thread may ask to hand it
 * back. The thread is interrupted only while it waits or runs the action, never while it commits a
 * record, so a record is always written whole.
 */
final class RunHandle {
  /** What the run's thread is doing. */
  enum Phase {
    WAITING,
    ACTION,
    COMMITTING
  }

  private final String key;
  private volatile String triggerId;
  private final TopicPartition partition;
  private final Thread thread;
  private final Instant since;
  private Phase phase = Phase.WAITING;
  private volatile String handedBack;
  private volatile int attempt;
  private int misses;

  RunHandle(String key, String triggerId, TopicPartition partition, Instant since) {
    this.key = key;
    this.triggerId = triggerId;
    this.partition = partition;
    this.thread = Thread.currentThread();
    this.since = since;
  }

  String key() {
    return key;
  }

  String triggerId() {
    return triggerId;
  }

  /** This handle, now working on {@code trigger} (after the decision named it). */
  RunHandle named(String trigger) {
    this.triggerId = trigger;
    return this;
  }

  TopicPartition partition() {
    return partition;
  }

  Instant since() {
    return since;
  }

  int attempt() {
    return attempt;
  }

  void attempt(int n) {
    attempt = n;
  }

  synchronized Phase phase() {
    return phase;
  }

  /** Enters {@code next}; entering COMMITTING clears an interrupt that came too late to matter. */
  synchronized void enter(Phase next) {
    phase = next;
    if (next == Phase.COMMITTING) {
      Thread.interrupted();
    } else if (handedBack != null) {
      thread.interrupt();
    }
  }

  /** Asks the run to hand its trigger back (first reason wins). */
  synchronized void handBack(String reason) {
    if (handedBack == null) {
      handedBack = reason;
    }
    if (phase != Phase.COMMITTING) {
      thread.interrupt();
    }
  }

  /** True once asked to hand back. */
  boolean handedBack() {
    return handedBack != null;
  }

  /** Throws when asked to hand back. */
  void check() {
    if (handedBack != null) {
      throw new HandedBackException(handedBack);
    }
  }

  String reason() {
    return handedBack;
  }

  /** Counts consecutive checks that found the partition gone; resets when it is there. */
  synchronized int missed(boolean present) {
    misses = present ? 0 : misses + 1;
    return misses;
  }
}
