package ai.ringrift.stages.action.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The rsync action running the real rsync between temporary directories. */
class RsyncActionTest {
  static final Path RESOURCES = Path.of("src/test/resources/actions").toAbsolutePath();

  @TempDir Path dir;
  Path source;
  Path target;
  byte[] model;

  @BeforeEach
  void games() throws IOException {
    source = Files.createDirectories(dir.resolve("selfplay/square8_2p"));
    target = dir.resolve("training/square8_2p");
    model = new byte[400_000];
    new Random(7).nextBytes(model);
    Files.write(source.resolve("batch-1.games.jsonl"), model);
    Files.writeString(source.resolve("batch-2.games.jsonl"), "{\"game_id\": \"g2\"}\n");
  }

  RsyncSpec spec(boolean checksum, String remoteShell, int timeoutSeconds) {
    return new RsyncSpec(
        null,
        remoteShell,
        timeoutSeconds,
        null,
        null,
        checksum,
        null,
        List.of("--mkpath"),
        dir.resolve("logs").toString(),
        1);
  }

  ActionResult sync(RsyncSpec spec, String from, String to, int kbps) throws InterruptedException {
    return new RsyncAction(spec)
        .run(
            ActionRequest.of(
                "sync-1",
                Map.of("source", from, "destination", to, "bwlimit_kbps", String.valueOf(kbps))));
  }

  @Test
  void copiesADirectoryAndReportsFilesAndBytesFromStats() throws Exception {
    ActionResult result = sync(spec(true, null, 60), source + "/", target + "/", 0);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(Files.readAllBytes(target.resolve("batch-1.games.jsonl"))).isEqualTo(model);
    assertThat(result.values().integer("files_transferred")).isEqualTo(2);
    assertThat(result.values().integer("bytes_transferred"))
        .isEqualTo(model.length + Files.size(source.resolve("batch-2.games.jsonl")));
    assertThat(result.values().integer("bytes_sent")).isGreaterThan(model.length);
  }

  @Test
  void neverCopiesAFileStillBeingWrittenUnderItsTemporaryName() throws Exception {
    Files.writeString(source.resolve(".tmp-batch-3.games.jsonl-1234"), "{\"game_id\": \"half");

    ActionResult result = sync(spec(true, null, 60), source + "/", target + "/", 0);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.values().integer("files_transferred")).isEqualTo(2);
    assertThat(target.resolve(".tmp-batch-3.games.jsonl-1234")).doesNotExist();
  }

  @Test
  void passesTheBandwidthGrantAsBwlimit() throws Exception {
    ActionResult result = sync(spec(true, null, 60), source + "/", target + "/", 25_000);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.command()).contains("--bwlimit=25000");
    assertThat(result.values().integer("bwlimit_kbps")).isEqualTo(25_000);
    assertThat(Files.readString(result.log().orElseThrow())).contains("--bwlimit=25000");
  }

  @Test
  void resumesAPartialTransferFromWhatAlreadyArrived() throws Exception {
    Path partial = Files.createDirectories(target.resolve(".rsync-partial"));
    Files.write(partial.resolve("batch-1.games.jsonl"), java.util.Arrays.copyOf(model, 300_000));

    ActionResult result = sync(spec(true, null, 60), source + "/", target + "/", 0);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(Files.readAllBytes(target.resolve("batch-1.games.jsonl"))).isEqualTo(model);
    assertThat(result.values().integer("matched_bytes")).isGreaterThanOrEqualTo(250_000);
    assertThat(result.values().integer("literal_bytes")).isLessThan(150_000);
    assertThat(partial).doesNotExist();
  }

  @Test
  void replacesAFileOfTheSameSizeAndTimeWhenChecksumsDiffer() throws Exception {
    sync(spec(true, null, 60), source + "/", target + "/", 0);
    Path copy = target.resolve("batch-1.games.jsonl");
    byte[] corrupted = model.clone();
    corrupted[1234] ^= 0x5a;
    FileTime mtime = Files.getLastModifiedTime(copy);
    Files.write(copy, corrupted);
    Files.setLastModifiedTime(copy, mtime);

    ActionResult bySizeAndTime = sync(spec(false, null, 60), source + "/", target + "/", 0);
    assertThat(bySizeAndTime.values().integer("files_transferred")).isZero();
    assertThat(Files.readAllBytes(copy)).isEqualTo(corrupted);

    ActionResult byChecksum = sync(spec(true, null, 60), source + "/", target + "/", 0);
    assertThat(byChecksum.values().integer("files_transferred")).isEqualTo(1);
    assertThat(Files.readAllBytes(copy)).isEqualTo(model);
  }

  @Test
  void copiesOverARemoteShell() throws Exception {
    Path hosts = dir.resolve("hosts.txt");
    String rsh = "sh " + RESOURCES.resolve("fake-ssh.sh") + " " + hosts;

    ActionResult result = sync(spec(true, rsh, 60), source + "/", "gpu-node-3:" + target + "/", 0);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.command()).contains("--rsh=" + rsh);
    assertThat(Files.readString(hosts).strip()).isEqualTo("gpu-node-3");
    assertThat(Files.readAllBytes(target.resolve("batch-1.games.jsonl"))).isEqualTo(model);
  }

  @Test
  void failsWithTheMeaningOfRsyncsExitCode() throws Exception {
    ActionResult result = sync(spec(true, null, 60), dir.resolve("missing") + "/", target + "/", 0);

    assertThat(result.failure()).contains(FailureKind.NON_ZERO_EXIT);
    assertThat(result.exitCode()).hasValue(23);
    assertThat(result.reason()).startsWith("exit code 23 (partial transfer due to error)");
  }

  @Test
  @Timeout(60)
  void killsATransferThatHangsPastItsTimeout() throws Exception {
    String rsh = "sh " + RESOURCES.resolve("hanging-ssh.sh");

    ActionResult result = sync(spec(true, rsh, 2), source + "/", "dead-host:/data/", 0);

    assertThat(result.failure()).contains(FailureKind.TIMEOUT);
    assertThat(result.reason()).startsWith("timed out after 2 s; process tree killed");
  }

  @Test
  void recognisesRemoteLocations() {
    assertThat(RsyncAction.isRemote("gpu-node-3:/data/games/")).isTrue();
    assertThat(RsyncAction.isRemote("ubuntu@gpu-node-3:/data")).isTrue();
    assertThat(RsyncAction.isRemote("rsync://mirror/models")).isTrue();
    assertThat(RsyncAction.isRemote("/data/games/a:b")).isFalse();
    assertThat(RsyncAction.isRemote("relative/dir")).isFalse();
  }

  @Test
  void refusesANegativeBandwidth() {
    assertThatThrownBy(() -> sync(spec(true, null, 60), "a/", "b/", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bwlimit_kbps must not be negative");
  }
}
