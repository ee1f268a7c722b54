package ai.ringrift.stages.action.rsync;

import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultFormatException;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.action.process.ProcessFailures;
import ai.ringrift.stages.action.process.ProcessInvocation;
import ai.ringrift.stages.action.process.ProcessOutcome;
import ai.ringrift.stages.action.process.ProcessRunner;
import ai.ringrift.stages.files.AtomicFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies files with the real {@code rsync}, locally or over ssh, at the bandwidth the allocator
 * granted ({@code --bwlimit}), resuming interrupted files from a partial directory and comparing by
 * checksum; reports files and bytes from {@code --stats}.
 *
 * <p>Parameters: {@code source}, {@code destination} (rsync syntax: {@code /path}, {@code
 * host:/path}, {@code user@host:/path}; a trailing slash copies a directory's contents) and {@code
 * bwlimit_kbps} (KB/s, 0 for no limit).
 */
public final class RsyncAction implements Action {
  private static final Logger LOGGER = LoggerFactory.getLogger(RsyncAction.class);

  /** The parameters this action reads. */
  public static final String SOURCE = "source";

  public static final String DESTINATION = "destination";
  public static final String BWLIMIT_KBPS = "bwlimit_kbps";

  /** {@code host:path} or {@code user@host:path} (a colon before any slash), or rsync://. */
  private static final Pattern REMOTE = Pattern.compile("^(rsync://|[^/:]+:).*");

  private final RsyncSpec spec;
  private final ProcessRunner runner = new ProcessRunner();

  public RsyncAction(RsyncSpec spec) {
    this.spec = spec;
  }

  @Override
  public ActionResult run(ActionRequest request) throws InterruptedException {
    int bwlimit = request.requireInt(BWLIMIT_KBPS);
    if (bwlimit < 0) {
      throw new IllegalArgumentException("bwlimit_kbps must not be negative, was " + bwlimit);
    }
    List<String> command = command(request.require(SOURCE), request.require(DESTINATION), bwlimit);
    ProcessInvocation invocation =
        new ProcessInvocation(
            command,
            Optional.empty(),
            Map.of(),
            Duration.ofSeconds(spec.timeoutSeconds()),
            Duration.ofSeconds(spec.killGraceSeconds()),
            Path.of(spec.logDirectory()).resolve(request.runId() + ".log"));
    List<String> output = new CopyOnWriteArrayList<>();
    LOGGER.info(
        "run={} rsync {} -> {} bwlimit={} KB/s",
        request.runId(),
        request.require(SOURCE),
        request.require(DESTINATION),
        bwlimit);
    ProcessOutcome outcome = runner.run(invocation, output::add);
    ActionResult result = interpret(outcome, invocation, output, bwlimit);
    LOGGER.info("run={} {}", request.runId(), result.describe());
    return result;
  }

  /** The rsync command line for one transfer. */
  List<String> command(String source, String destination, int bwlimitKbps) {
    List<String> command = new ArrayList<>();
    command.add(spec.binary());
    command.add("--archive");
    command.add("--partial-dir=" + spec.partialDir());
    // a file still being written has its temporary name (AtomicFiles): it is copied once renamed,
    // by the next sync, never half-written, and its rename never fails this one (exit code 24)
    command.add("--exclude=" + AtomicFiles.TEMP_PREFIX + "*");
    // rsync copies local files whole, which would ignore a partial file: force the delta
    // algorithm so an interrupted transfer resumes from what already arrived
    command.add("--no-whole-file");
    command.add("--stats");
    command.add("--no-human-readable");
    command.add("--timeout=" + spec.ioTimeoutSeconds());
    command.add("--bwlimit=" + bwlimitKbps);
    if (spec.checksum()) {
      command.add("--checksum");
    }
    if (spec.compress()) {
      command.add("--compress");
    }
    if (isRemote(source) || isRemote(destination)) {
      command.add("--rsh=" + spec.remoteShell());
    }
    command.addAll(spec.extraArgs());
    command.add(source);
    command.add(destination);
    return List.copyOf(command);
  }

  /** True for a location on another host: {@code host:path}, {@code user@host:path}, rsync://. */
  public static boolean isRemote(String location) {
    return REMOTE.matcher(location).matches();
  }

  private static ActionResult interpret(
      ProcessOutcome outcome, ProcessInvocation invocation, List<String> output, int bwlimit) {
    Optional<ActionResult> failed =
        ProcessFailures.of(outcome, invocation, RsyncExitCodes::meaning);
    if (failed.isPresent()) {
      return failed.get();
    }
    try {
      RsyncStats stats = RsyncStats.parse(output);
      ResultValues values =
          ResultValues.of(
              Map.of(
                  "files_transferred", stats.filesTransferred(),
                  "bytes_transferred", stats.bytesTransferred(),
                  "literal_bytes", stats.literalBytes(),
                  "matched_bytes", stats.matchedBytes(),
                  "bytes_sent", stats.bytesSent(),
                  "bytes_received", stats.bytesReceived(),
                  "bwlimit_kbps", bwlimit));
      return ActionResult.processSucceeded(
          values, 0, outcome.duration(), invocation.logFile(), invocation.command());
    } catch (ResultFormatException e) {
      return ActionResult.processFailed(
          FailureKind.UNPARSEABLE_OUTPUT,
          e.getMessage(),
          outcome.exitCode(),
          outcome.duration(),
          invocation.logFile(),
          invocation.command());
    }
  }
}
