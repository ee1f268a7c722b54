package ai.ringrift.runtime.daemon;

import ai.ringrift.events.DaemonState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the launcher knows of one daemon: {@code --status}, {@code /status/daemons} and heartbeats.
 *
 * @param name the daemon
 * @param state its lifecycle state
 * @param since when it entered that state
 * @param uptime time since its current start, while it runs
 * @param restarts restarts since the launcher started
 * @param lastError why it last crashed or failed a check
 * @param roles leader roles it holds
 * @param lag records its consumers are behind
 * @param nextRestart when a restarting daemon starts again
 */
public record DaemonStatus(
    String name,
    DaemonState state,
    Instant since,
    Duration uptime,
    int restarts,
    Optional<String> lastError,
    Set<String> roles,
    long lag,
    Optional<Instant> nextRestart) {
  public DaemonStatus {
    roles = Set.copyOf(roles);
  }
}
