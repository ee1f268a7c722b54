package ai.ringrift.stages.sync;

import ai.ringrift.events.TransferPriority;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.rsync.RsyncAction;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.bandwidth.BandwidthLease;
import ai.ringrift.stages.bandwidth.BandwidthTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one transfer (rsync, or the configured transfer action) at the rate the bandwidth allocator
 * grants, and gives the grant back after.
 */
final class Transfers {
  private final Action rsync;
  private final BandwidthClient bandwidth;
  private final int kbps;

  Transfers(Action rsync, BandwidthClient bandwidth, int kbps) {
    this.rsync = rsync;
    this.bandwidth = bandwidth;
    this.kbps = kbps;
  }

  /** Copies {@code transfer}; a missing grant is a failed result naming the allocator. */
  ActionResult run(SyncAction.Transfer transfer, String runId, TransferPriority priority)
      throws InterruptedException {
    long bytes = localSize(transfer.source());
    try (BandwidthLease lease = bandwidth.acquire(transfer.host(), priority, bytes, kbps)) {
      ActionResult result =
          rsync.run(
              ActionRequest.of(
                  runId,
                  Map.of(
                      RsyncAction.SOURCE, transfer.source(),
                      RsyncAction.DESTINATION, transfer.destination(),
                      RsyncAction.BWLIMIT_KBPS, Integer.toString(lease.kbps()))));
      if (result.succeeded()) {
        lease.transferred(result.values().integer("bytes_transferred"));
      }
      return result;
    } catch (BandwidthTimeoutException e) {
      return ActionResult.failed(
          FailureKind.START_FAILED,
          e.getMessage() + "; is a bandwidth-allocator daemon running?",
          Duration.ZERO);
    }
  }

  /** Bytes under a local source (0 for a remote one: the allocator uses it for reports only). */
  static long localSize(String source) {
    if (RsyncAction.isRemote(source)) {
      return 0;
    }
    Path path = Path.of(source);
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(Transfers::size).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
