package ai.ringrift.simulation;

import ai.ringrift.stages.files.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A simulated model file: a first line {@code RINGRIFT-SIMULATED-MODEL {json}} carrying the model's
 * hidden strength, then filler bytes so that syncing and publishing it moves a file of a realistic
 * kind. Only the simulated evaluator reads the hidden strength; everything else sees an opaque
 * model file.
 *
 * @param modelId the model's id
 * @param config its config key
 * @param hiddenElo its true strength, which gauntlets measure with noise
 * @param samplesTrained samples its training run saw
 * @param parentModelId the model it was trained from, or empty
 */
public record SimulatedModel(
    String modelId, String config, double hiddenElo, long samplesTrained, String parentModelId) {
  private static final String MAGIC = "RINGRIFT-SIMULATED-MODEL ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HEADER = 4096;

  /** Writes the model to {@code file} atomically, padded with {@code fillerBytes} bytes. */
  public void write(Path file, int fillerBytes) throws IOException {
    String header =
        MAGIC
            + JSON.createObjectNode()
                .put("model_id", modelId)
                .put("config", config)
                .put("hidden_elo", hiddenElo)
                .put("samples_trained", samplesTrained)
                .put("parent_model_id", parentModelId)
            + "\n";
    byte[] filler = new byte[fillerBytes];
    new SplittableRandom(modelId.hashCode()).nextBytes(filler);
    AtomicFiles.write(
        file,
        out -> {
          out.write(header.getBytes(StandardCharsets.UTF_8));
          out.write(filler);
        });
  }

  /**
   * Reads the model in {@code file}.
   *
   * @throws IllegalArgumentException when the file is not a simulated model
   */
  public static SimulatedModel read(Path file) throws IOException {
    String line = firstLine(file);
    if (!line.startsWith(MAGIC)) {
      throw new IllegalArgumentException(file + " is not a simulated model file");
    }
    try {
      JsonNode node = JSON.readTree(line.substring(MAGIC.length()));
      return new SimulatedModel(
          node.path("model_id").asText(),
          node.path("config").asText(),
          node.path("hidden_elo").asDouble(),
          node.path("samples_trained").asLong(),
          node.path("parent_model_id").asText(""));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + " has a corrupt model header: " + e.getOriginalMessage(), e);
    }
  }

  private static String firstLine(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n' && line.size() < MAX_HEADER) {
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8);
    }
  }
}
