package ai.ringrift.stages.simulation;

import ai.ringrift.stages.files.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** Writes a batch of games to {@code file}. */
  public static void write(Path file, List<SimulatedGame> games) throws IOException {
    AtomicFiles.write(
        file,
        (OutputStream out) -> {
          StringBuilder text = new StringBuilder();
          for (SimulatedGame game : games) {
            text.append(game.toJson()).append('\n');
          }
          out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        });
  }

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

  /**
   * Reads every game of {@code files}.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed game
   */
  public static List<SimulatedGame> read(List<Path> files) throws IOException {
    List<SimulatedGame> games = new ArrayList<>();
    for (Path file : files) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          try {
            games.add(SimulatedGame.parse(line));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                file.getFileName() + " line " + number + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return games;
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static java.nio.file.attribute.FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }
}
