package ai.ringrift.runtime.daemon;

import ai.ringrift.events.DaemonState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every state change ("name FROM->TO") and heartbeat the launcher reports. */
final class RecordingEvents implements DaemonEvents {
  final List<String> changes = new CopyOnWriteArrayList<>();
  final List<String> reasons = new CopyOnWriteArrayList<>();
  final List<DaemonStatus> heartbeats = new CopyOnWriteArrayList<>();

  @Override
  public void stateChanged(String daemon, DaemonState from, DaemonState to, String reason) {
    changes.add(daemon + " " + from + "->" + to);
    reasons.add(daemon + " " + to + ": " + reason);
  }

  @Override
  public void heartbeat(DaemonStatus status) {
    heartbeats.add(status);
  }

  List<String> of(String daemon) {
    return changes.stream()
        .filter(c -> c.startsWith(daemon + " "))
        .map(c -> c.substring(daemon.length() + 1))
        .toList();
  }
}
