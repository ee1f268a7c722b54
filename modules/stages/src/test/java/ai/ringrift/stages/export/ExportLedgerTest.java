package ai.ringrift.stages.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.stages.files.GameFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported games of a config, kept by a ledger that lives as long as the service. */
class ExportLedgerTest {
  @TempDir Path dir;

  @Test
  void aFileWrittenAfterTheLastLookIsNew() throws IOException {
    ExportLedger ledger = new ExportLedger(dir.resolve("games"), dir.resolve("npz"));
    Path first = game("selfplay-1/a", 3);
    assertThat(ledger.newFiles()).containsExactly(first);
    ledger.add(List.of(first));
    assertThat(ledger.newFiles()).isEmpty();

    Path second = game("selfplay-1/b", 2);
    Path third = game("selfplay-2/c", 5);
    List<Path> fresh = ledger.newFiles();
    assertThat(fresh).containsExactlyInAnyOrder(second, third);
    assertThat(ledger.games(fresh)).isEqualTo(7);
  }

  @Test
  void whatAnotherInstanceExportedMeanwhileIsNotNew() throws IOException {
    ExportLedger mine = new ExportLedger(dir.resolve("games"), dir.resolve("npz"));
    Path first = game("selfplay-1/a", 3);
    Path second = game("selfplay-1/b", 2);
    assertThat(mine.newFiles()).containsExactlyInAnyOrder(first, second);

    new ExportLedger(dir.resolve("games"), dir.resolve("npz")).add(List.of(first, second));
    assertThat(mine.newFiles()).as("the ledger file changed: read again").isEmpty();
  }

  private Path game(String name, int games) throws IOException {
    Path file = dir.resolve("games").resolve(name + GameFiles.SUFFIX);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"g\":1}\n".repeat(games));
    return file;
  }
}
