package ai.ringrift.runtime.daemon;

import ai.ringrift.events.DaemonState;

/** Where the launcher reports state changes and heartbeats ({@link KafkaDaemonEvents} on Kafka). */
public interface DaemonEvents extends AutoCloseable {
  /** {@code daemon} moved from one state to another. */
  void stateChanged(String daemon, DaemonState from, DaemonState to, String reason);

  /** A daemon's periodic status. */
  void heartbeat(DaemonStatus status);

  @Override
  default void close() {}
}
