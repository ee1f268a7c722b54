package ai.ringrift.stages.action.rsync;

import ai.ringrift.config.Check;
import java.util.List;

/**
 * How the sync stage runs rsync (the {@code rsync:} block of {@code config/stages.yaml}).
 *
 * @param binary the rsync program (default {@code rsync})
 * @param remoteShell the remote shell for {@code host:path} transfers (default {@code ssh -o
 *     BatchMode=yes -o ConnectTimeout=10}: never prompt, fail fast on a dead host)
 * @param timeoutSeconds how long one transfer may take in all (the original's sync timeout: 30 min)
 * @param ioTimeoutSeconds rsync's own {@code --timeout}: give up when no data moves for this long
 * @param partialDir where interrupted files wait to be resumed, relative to the destination; a
 *     partial file never sits under its final name, so readers never see half a file
 * @param checksum compare files by checksum, not size and time, to decide what to send
 * @param compress compress on the wire ({@code -z}); worth it on slow links only
 * @param extraArgs further arguments, e.g. {@code --mkpath} to create missing destination dirs
 * @param logDirectory where each transfer's output goes, as {@code <run id>.log}
 * @param killGraceSeconds how long rsync has after SIGTERM before SIGKILL
 */
public record RsyncSpec(
    String binary,
    String remoteShell,
    int timeoutSeconds,
    Integer ioTimeoutSeconds,
    String partialDir,
    Boolean checksum,
    Boolean compress,
    List<String> extraArgs,
    String logDirectory,
    Integer killGraceSeconds) {

  public RsyncSpec {
    binary = Check.orDefault(binary, "rsync");
    Check.notBlank("binary", binary);
    remoteShell = Check.orDefault(remoteShell, "ssh -o BatchMode=yes -o ConnectTimeout=10");
    Check.atLeast("timeoutSeconds", timeoutSeconds, 1);
    ioTimeoutSeconds = Check.orDefault(ioTimeoutSeconds, 120);
    Check.atLeast("ioTimeoutSeconds", ioTimeoutSeconds, 1);
    partialDir = Check.orDefault(partialDir, ".rsync-partial");
    Check.that(
        !partialDir.isBlank() && !partialDir.startsWith("/") && !partialDir.contains(".."),
        "partialDir",
        "must be a relative directory name inside the destination, was '" + partialDir + "'");
    checksum = Check.orDefault(checksum, true);
    compress = Check.orDefault(compress, false);
    extraArgs = Check.list(extraArgs);
    logDirectory = Check.orDefault(logDirectory, "var/logs/rsync");
    Check.notBlank("logDirectory", logDirectory);
    killGraceSeconds = Check.orDefault(killGraceSeconds, 10);
    Check.atLeast("killGraceSeconds", killGraceSeconds, 0);
  }
}
