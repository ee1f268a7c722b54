package ai.ringrift.runtime.daemon;

import ai.ringrift.config.Check;
import java.time.Duration;
import java.util.List;

/**
 * When a crashed daemon is restarted, when it is given up on, and when restarts are held back.
 *
 * @param baseDelaySeconds the n-th restart within the window waits {@code base * 2^(n-1)} ...
 * @param backoffRestarts ... for the first this many restarts
 * @param laterDelaysSeconds then these delays, the last one repeating
 * @param windowSeconds restarts of a daemon are counted over this window
 * @param crashLoopCrashes this many crashes of one daemon ...
 * @param crashLoopWindowSeconds ... within this window is a crash loop: no more restarts
 * @param stormRestarts more than this many restarts across daemons ...
 * @param stormWindowSeconds ... within this window ...
 * @param stormBlockSeconds ... hold back every restart for this long
 */
public record RestartSettings(
    double baseDelaySeconds,
    int backoffRestarts,
    List<Double> laterDelaysSeconds,
    double windowSeconds,
    int crashLoopCrashes,
    double crashLoopWindowSeconds,
    int stormRestarts,
    double stormWindowSeconds,
    double stormBlockSeconds) {
  public RestartSettings {
    Check.atLeast("baseDelaySeconds", baseDelaySeconds, 0.0);
    Check.atLeast("backoffRestarts", backoffRestarts, 1);
    laterDelaysSeconds = Check.list(laterDelaysSeconds);
    for (int i = 0; i < laterDelaysSeconds.size(); i++) {
      Check.atLeast("laterDelaysSeconds[" + i + "]", laterDelaysSeconds.get(i), 0.0);
    }
    Check.atLeast("windowSeconds", windowSeconds, 0.001);
    Check.atLeast("crashLoopCrashes", crashLoopCrashes, 2);
    Check.atLeast("crashLoopWindowSeconds", crashLoopWindowSeconds, 0.001);
    Check.atLeast("stormRestarts", stormRestarts, 1);
    Check.atLeast("stormWindowSeconds", stormWindowSeconds, 0.001);
    Check.atLeast("stormBlockSeconds", stormBlockSeconds, 0.0);
  }

  /** How long the {@code n}-th restart within the window waits ({@code n} from 1). */
  public Duration delay(int n) {
    if (n <= backoffRestarts || laterDelaysSeconds.isEmpty()) {
      int doublings = Math.min(n, backoffRestarts) - 1;
      return seconds(baseDelaySeconds * Math.pow(2, doublings));
    }
    int later = Math.min(n - backoffRestarts, laterDelaysSeconds.size()) - 1;
    return seconds(laterDelaysSeconds.get(later));
  }

  static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
