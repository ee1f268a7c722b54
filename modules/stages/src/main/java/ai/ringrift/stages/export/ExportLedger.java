package ai.ringrift.stages.export;

import ai.ringrift.stages.files.AtomicFiles;
import ai.ringrift.stages.files.GameIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which game files of a config went into an export, kept next to the shards ({@code
 * <npz>/<config>/.exported-games}, one path per line, relative to the config's games directory):
 * the games in other files are the new games that make the next export due. Written after the
 * export is announced, so a crash in between only makes the next export come early.
 *
 * <p>One ledger per config lives as long as the service: it finds the game files with a {@link
 * GameIndex} (a {@code stat} per directory, not per file, between changes) and keeps the exported
 * set it last read or wrote, reading the file again only when the file changed under it (another
 * instance exported the config meanwhile).
 */
final class ExportLedger {
  static final String FILE = ".exported-games";

  private final Path games;
  private final Path ledger;
  private final GameIndex index;
  private Set<String> done;
  private BasicFileAttributes doneFrom;
  private Map<Path, Integer> counts = Map.of();

  ExportLedger(Path games, Path npzDirectory) {
    this.games = games;
    this.ledger = npzDirectory.resolve(FILE);
    this.index = new GameIndex(games);
  }

  /** Game files not in any export yet, oldest first. */
  synchronized List<Path> newFiles() throws IOException {
    Set<String> exported = read();
    List<Path> fresh = new ArrayList<>();
    for (Path file : index.list()) {
      if (!exported.contains(games.relativize(file).toString())) {
        fresh.add(file);
      }
    }
    return fresh;
  }

  /**
   * Games (non-blank lines) in {@code files}, the new files: each file is counted once and
   * remembered while it is new (game files are written whole and never change).
   */
  synchronized int games(List<Path> files) throws IOException {
    Map<Path, Integer> counted = new HashMap<>();
    int count = 0;
    for (Path file : files) {
      Integer games = counts.get(file);
      if (games == null) {
        games = count(file);
      }
      counted.put(file, games);
      count += games;
    }
    counts = counted;
    return count;
  }

  private static int count(Path file) throws IOException {
    int count = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank()) {
          count++;
        }
      }
    }
    return count;
  }

  /** Notes {@code files} as exported. */
  synchronized void add(Collection<Path> files) throws IOException {
    Set<String> updated = new TreeSet<>(read());
    files.forEach(f -> updated.add(games.relativize(f).toString()));
    String text = String.join("\n", updated) + "\n";
    AtomicFiles.write(ledger, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    remember(updated);
  }

  /**
   * The exported files: as last read or written, unless the file changed since. A stale set can
   * only lack files, which makes an export come early, never miss a new game file.
   */
  private Set<String> read() throws IOException {
    BasicFileAttributes now = attributes(); // before the content: a change after reads again
    if (done != null && same(doneFrom, now)) {
      return done;
    }
    Set<String> read = new TreeSet<>();
    if (Files.isRegularFile(ledger)) {
      for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          read.add(line.strip());
        }
      }
    }
    done = Collections.unmodifiableSet(read);
    doneFrom = now;
    return done;
  }

  /** Keeps {@code set}, just written, as what the file holds. */
  private void remember(Set<String> set) throws IOException {
    done = Collections.unmodifiableSet(set);
    doneFrom = attributes();
  }

  private BasicFileAttributes attributes() throws IOException {
    try {
      return Files.readAttributes(ledger, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Whether two reads of the file's attributes show the same file: the ledger is only ever replaced
   * whole (a rename), which gives it a new file key (inode) as well as a new time.
   */
  private static boolean same(BasicFileAttributes a, BasicFileAttributes b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.fileKey(), b.fileKey())
        && a.lastModifiedTime().equals(b.lastModifiedTime())
        && a.size() == b.size();
  }
}
