package ai.ringrift.streams.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The wall clock of a Streams task as a {@link Clock}: {@link
 * ProcessorContext#currentSystemTimeMs()}, which is the system time in a running app and the
 * driver's mocked time under {@code TopologyTestDriver} ({@code advanceWallClockTime}). Rules take
 * their "now" from here, so tests control time without sleeping.
 */
public final class ProcessorClock extends Clock {
  private final LongSupplier millis;

  private ProcessorClock(LongSupplier millis) {
    this.millis = millis;
  }

  /** The wall clock of {@code context}. */
  public static ProcessorClock of(ProcessorContext<?, ?> context) {
    return new ProcessorClock(context::currentSystemTimeMs);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long millis() {
    return millis.getAsLong();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
