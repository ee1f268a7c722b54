package ai.ringrift.simulation;

import ai.ringrift.stages.files.AtomicFiles;
import ai.ringrift.stages.files.GameFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated games in {@link GameFiles}: {@code *.games.jsonl}, one game per line, written whole
 * (atomically) so a sync never copies half a batch.
 */
public final class SimulatedGameFiles {
  private SimulatedGameFiles() {}

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
}
