package ai.ringrift.stages.export;

import ai.ringrift.stages.files.AtomicFiles;
import ai.ringrift.stages.files.GameFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which game files of a config went into an export, kept next to the shards ({@code
 * <npz>/<config>/.exported-games}, one path per line, relative to the config's games directory):
 * the games in other files are the new games that make the next export due. Written after the
 * export is announced, so a crash in between only makes the next export come early.
 */
final class ExportLedger {
  static final String FILE = ".exported-games";

  private final Path games;
  private final Path ledger;

  ExportLedger(Path games, Path npzDirectory) {
    this.games = games;
    this.ledger = npzDirectory.resolve(FILE);
  }

  /** Game files not in any export yet, oldest first. */
  List<Path> newFiles() throws IOException {
    Set<String> done = read();
    List<Path> fresh = new ArrayList<>();
    for (Path file : GameFiles.list(games)) {
      if (!done.contains(games.relativize(file).toString())) {
        fresh.add(file);
      }
    }
    return fresh;
  }

  /** Games (non-blank lines) in {@code files}. */
  static int games(List<Path> files) throws IOException {
    int count = 0;
    for (Path file : files) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line; (line = reader.readLine()) != null; ) {
          if (!line.isBlank()) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /** Notes {@code files} as exported. */
  synchronized void add(Collection<Path> files) throws IOException {
    Set<String> done = read();
    files.forEach(f -> done.add(games.relativize(f).toString()));
    String text = String.join("\n", done) + "\n";
    AtomicFiles.write(ledger, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Set<String> read() throws IOException {
    Set<String> done = new TreeSet<>();
    if (Files.isRegularFile(ledger)) {
      for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          done.add(line.strip());
        }
      }
    }
    return done;
  }
}
