package ai.ringrift.runtime.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides what happens after a daemon crashed: restart after a backoff delay that grows with the
 * daemon's restarts in the last window, give up on a crash loop, and hold back every restart for a
 * while when restarts storm across daemons. Shared by every supervisor of a launcher; thread-safe.
 */
public final class RestartPolicy {
  private final RestartSettings settings;
  private final Clock clock;
  private final Map<String, Deque<Instant>> crashes = new HashMap<>();
  private final Map<String, Deque<Instant>> restarts = new HashMap<>();
  private final Deque<Instant> allRestarts = new ArrayDeque<>();
  private Instant blockedUntil = Instant.MIN;

  public RestartPolicy(RestartSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** What to do about one crash. */
  public record Decision(boolean restart, Instant at, String reason) {
    /** The wait from {@code now} until the restart. */
    public Duration delayFrom(Instant now) {
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }
  }

  /** Records a crash of {@code daemon} now and decides whether and when it restarts. */
  public synchronized Decision onCrash(String daemon) {
    Instant now = clock.instant();
    Deque<Instant> recentCrashes = recent(crashes, daemon, now, settings.crashLoopWindowSeconds());
    recentCrashes.addLast(now);
    if (recentCrashes.size() >= settings.crashLoopCrashes()) {
      return new Decision(
          false,
          now,
          "crash loop: "
              + recentCrashes.size()
              + " crashes within "
              + RestartSettings.seconds(settings.crashLoopWindowSeconds()));
    }
    Deque<Instant> recentRestarts = recent(restarts, daemon, now, settings.windowSeconds());
    int n = recentRestarts.size() + 1;
    Instant at = now.plus(settings.delay(n));
    String reason = "restart " + n + " within " + RestartSettings.seconds(settings.windowSeconds());
    if (at.isBefore(blockedUntil)) {
      // held back until the block ends, with the others; a held restart does not extend the block
      at = blockedUntil;
      reason += "; held back by the restart storm guard";
    } else {
      prune(allRestarts, at, settings.stormWindowSeconds());
      if (allRestarts.size() + 1 > settings.stormRestarts()) {
        blockedUntil = at.plus(RestartSettings.seconds(settings.stormBlockSeconds()));
        at = blockedUntil;
        reason +=
            "; restart storm (more than "
                + settings.stormRestarts()
                + " restarts within "
                + RestartSettings.seconds(settings.stormWindowSeconds())
                + "): every restart held back for "
                + RestartSettings.seconds(settings.stormBlockSeconds());
      }
    }
    recentRestarts.addLast(at);
    allRestarts.addLast(at);
    return new Decision(true, at, reason);
  }

  /** Until when every restart is held back (in the past when none is). */
  public synchronized Instant blockedUntil() {
    return blockedUntil;
  }

  private static Deque<Instant> recent(
      Map<String, Deque<Instant>> byDaemon, String daemon, Instant now, double windowSeconds) {
    Deque<Instant> times = byDaemon.computeIfAbsent(daemon, d -> new ArrayDeque<>());
    prune(times, now, windowSeconds);
    return times;
  }

  private static void prune(Deque<Instant> times, Instant now, double windowSeconds) {
    Instant start = now.minus(RestartSettings.seconds(windowSeconds));
    times.removeIf(t -> !t.isAfter(start));
  }
}
