package ai.ringrift.stages.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental listing of game files: what it finds, and what it does not read again. */
class GameIndexTest {
  static final FileTime LONG_AGO = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

  @TempDir Path games;
  GameIndex index;

  @BeforeEach
  void threeHosts() throws IOException {
    for (int host = 1; host <= 3; host++) {
      for (int batch = 1; batch <= 4; batch++) {
        game("selfplay-" + host + "/b" + batch + GameFiles.SUFFIX, batch);
      }
    }
    game(".rsync-partial/selfplay-1/b9" + GameFiles.SUFFIX, 0);
    game("selfplay-2/" + AtomicFiles.TEMP_PREFIX + "b9" + GameFiles.SUFFIX, 0);
    game("selfplay-3/notes.txt", 0);
    index = new GameIndex(games);
  }

  @Test
  void findsWhatAFullWalkFinds() throws IOException {
    assertThat(index.list()).hasSize(12).isEqualTo(GameFiles.list(games));
  }

  @Test
  void anUnchangedDirectoryIsNotListedAgain() throws IOException {
    settle();
    assertThat(index.list()).hasSize(12);
    assertThat(index.directoriesListed()).as("the root and three hosts").isEqualTo(4);
    assertThat(index.list()).hasSize(12);
    assertThat(index.directoriesListed()).as("nothing changed: nothing listed").isEqualTo(4);

    Path added = game("selfplay-2/b5" + GameFiles.SUFFIX, 9);
    assertThat(index.list()).hasSize(13).contains(added).isEqualTo(GameFiles.list(games));
    assertThat(index.directoriesListed()).as("only the host that changed").isEqualTo(5);
  }

  @Test
  void aNewDirectoryAndItsFilesAreFound() throws IOException {
    settle();
    index.list();
    Path added = game("selfplay-4/b1" + GameFiles.SUFFIX, 9);
    assertThat(index.list()).contains(added).isEqualTo(GameFiles.list(games));
  }

  @Test
  void aRemovedFileIsGone() throws IOException {
    settle();
    index.list();
    Path removed = games.resolve("selfplay-1/b2" + GameFiles.SUFFIX);
    Files.delete(removed);
    assertThat(index.list()).doesNotContain(removed).isEqualTo(GameFiles.list(games));
  }

  @Test
  void aDirectoryChangedInTheSameClockTickAsItsListingIsListedAgain() throws IOException {
    Path host = games.resolve("selfplay-1");
    FileTime listed = Files.getLastModifiedTime(host); // just written: within the granularity
    index.list();
    Path added = game("selfplay-1/b5" + GameFiles.SUFFIX, 9);
    Files.setLastModifiedTime(host, listed); // a coarse clock: the change left the time as it was
    assertThat(index.list()).contains(added);
  }

  /** Every directory last changed an hour ago, its files in the order they were written. */
  private void settle() throws IOException {
    try (Stream<Path> all = Files.walk(games)) {
      for (Path dir : all.filter(Files::isDirectory).toList()) {
        Files.setLastModifiedTime(dir, LONG_AGO);
      }
    }
  }

  private Path game(String name, int order) throws IOException {
    Path file = games.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"game\":1}\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(600 - order)));
    return file;
  }
}
