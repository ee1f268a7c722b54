package ai.ringrift.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one step forward every time it is read: distinct, ordered instants. */
public final class TickingClock extends Clock {
  private final AtomicLong millis;
  private final long step;

  public TickingClock(Instant start, Duration step) {
    this.millis = new AtomicLong(start.toEpochMilli());
    this.step = step.toMillis();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.getAndAdd(step));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
