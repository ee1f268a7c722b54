package ai.ringrift.stages.action.rsync;

import java.util.Map;

/** What rsync's exit codes mean (rsync(1), EXIT VALUES), so a failure says more than a number. */
final class RsyncExitCodes {
  private static final Map<Integer, String> MEANINGS =
      Map.ofEntries(
          Map.entry(1, "syntax or usage error"),
          Map.entry(2, "protocol incompatibility"),
          Map.entry(3, "errors selecting input/output files, dirs"),
          Map.entry(4, "requested action not supported"),
          Map.entry(5, "error starting client-server protocol"),
          Map.entry(10, "error in socket I/O"),
          Map.entry(11, "error in file I/O"),
          Map.entry(12, "error in rsync protocol data stream"),
          Map.entry(14, "error in IPC code"),
          Map.entry(20, "received SIGUSR1 or SIGINT"),
          Map.entry(22, "error allocating core memory buffers"),
          Map.entry(23, "partial transfer due to error"),
          Map.entry(24, "partial transfer due to vanished source files"),
          Map.entry(30, "timeout in data send/receive"),
          Map.entry(35, "timeout waiting for daemon connection"),
          Map.entry(255, "remote shell failed: host unreachable or login refused"));

  private RsyncExitCodes() {}

  static String meaning(int code) {
    return MEANINGS.getOrDefault(code, "");
  }
}
