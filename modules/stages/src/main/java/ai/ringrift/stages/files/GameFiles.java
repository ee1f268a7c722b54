package ai.ringrift.stages.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Game files on disk: {@code *.games.jsonl}, one game per line, written whole (atomically) so a
 * sync never copies half a batch. Hidden files and directories (rsync's partial dir, temporaries)
 * are not games.
 */
public final class GameFiles {
  /** Game files end with this. */
  public static final String SUFFIX = ".games.jsonl";

  private GameFiles() {}

  /** Every game file under {@code directory}, oldest first (by modification time, then name). */
  public static List<Path> list(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(SUFFIX))
          .filter(p -> !isHidden(directory.relativize(p)))
          .sorted(Comparator.comparing(GameFiles::modified).thenComparing(Path::toString))
          .toList();
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code file}'s modification time (following a link), or the epoch when it is gone. */
  static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
