package ai.ringrift.benchmarks.loop;

import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionPlugin;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.npz.NpyArrayWriter;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpyType;
import ai.ringrift.stages.npz.NpzWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks' {@code instant} actions ({@code kind: PLUGIN, plugin: instant}): each stage's
 * work done in no time, with the least output the stage checks, so that what the loop benchmark
 * measures is the platform, not the work (files are written plainly, without the fsync a real
 * action's atomic write pays). Never a production default: only the benchmark's config names it.
 *
 * <ul>
 *   <li>{@code sync.transfer}: nothing to copy; the simulated hosts write their games where the
 *       training host reads them (as on a shared file system);
 *   <li>{@code export.action}: a valid shard of {@value #SAMPLES} samples (the validator reads it);
 *   <li>{@code training.action}: a model file of a few bytes (promotion and sync need it);
 *   <li>{@code evaluation.action}: a gauntlet result that passes the baseline gates; every other
 *       candidate beats its champion, so some are promoted and some rejected.
 * </ul>
 */
public final class InstantActions implements ActionPlugin {
  /** The plugin's name in a spec. */
  public static final String NAME = "instant";

  /** Samples in an instant shard. */
  public static final int SAMPLES = 64;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Action create(String key, Set<String> placeholders) {
    return switch (key) {
      case "sync.transfer" ->
          request -> done(Map.of("files_transferred", 1, "bytes_transferred", 0));
      case "export.action" -> InstantActions::export;
      case "training.action" -> InstantActions::train;
      case "evaluation.action" -> InstantActions::evaluate;
      default -> throw new IllegalArgumentException("instant has no action for " + key);
    };
  }

  private static ActionResult export(ActionRequest request) {
    Path npz = Path.of(request.require("npz"));
    try {
      Files.createDirectories(npz.getParent());
      try (OutputStream out = Files.newOutputStream(npz);
          NpzWriter writer = new NpzWriter(out)) {
        zeros(writer, "features", NpyHeader.of(NpyType.FLOAT32, SAMPLES, 1));
        zeros(writer, "policy", NpyHeader.of(NpyType.FLOAT32, SAMPLES, 1));
        zeros(writer, "values", NpyHeader.of(NpyType.FLOAT32, SAMPLES));
      }
    } catch (IOException e) {
      return failed("cannot write " + npz + ": " + e);
    }
    return done(Map.of("npz_path", npz.toString(), "total_samples", SAMPLES, "games_used", 0));
  }

  private static void zeros(NpzWriter writer, String name, NpyHeader header) throws IOException {
    try (NpyArrayWriter array = writer.array(name, header)) {
      for (int i = 0; i < SAMPLES; i++) {
        array.putFloat(0f);
      }
    }
  }

  private static ActionResult train(ActionRequest request) {
    Path model = Path.of(request.require("model"));
    byte[] bytes =
        ("instant model " + request.require("model_id")).getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(model.getParent());
      Files.write(model, bytes);
    } catch (IOException e) {
      return failed("cannot write " + model + ": " + e);
    }
    return done(
        Map.of(
            "model_path",
            model.toString(),
            "epochs",
            1,
            "final_loss",
            0.5,
            "samples_trained",
            SAMPLES));
  }

  private static ActionResult evaluate(ActionRequest request) {
    int games = request.requireInt("games_per_baseline");
    boolean better = (request.require("model_id").hashCode() & 1) == 0;
    double championElo = request.requireDouble("champion_elo");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("elo", championElo + (better ? 40 : -20));
    result.put("games_played", 2 * games);
    result.put("win_rate", 0.95);
    result.put(
        "baselines", List.of(baseline("RANDOM", 400, games), baseline("HEURISTIC", 800, games)));
    String champion = request.optional("champion_model_id", "");
    if (!champion.isEmpty()) {
      int h2h = request.requireInt("head_to_head_games");
      int wins = better ? h2h * 6 / 10 : h2h * 4 / 10;
      Map<String, Object> headToHead = new LinkedHashMap<>();
      headToHead.put("champion_model_id", champion);
      headToHead.put("champion_elo", championElo);
      headToHead.put("games", h2h);
      headToHead.put("wins", wins);
      headToHead.put("losses", h2h - wins);
      headToHead.put("draws", 0);
      headToHead.put("win_rate", (double) wins / h2h);
      result.put("head_to_head", headToHead);
    }
    return done(result);
  }

  private static Map<String, Object> baseline(String name, double elo, int games) {
    int wins = games * 95 / 100;
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("baseline", name);
    b.put("baseline_elo", elo);
    b.put("games", games);
    b.put("wins", wins);
    b.put("losses", games - wins);
    b.put("draws", 0);
    b.put("win_rate", (double) wins / games);
    return b;
  }

  private static ActionResult done(Map<String, ?> values) {
    return ActionResult.succeeded(ResultValues.of(values), Duration.ZERO);
  }

  private static ActionResult failed(String reason) {
    return ActionResult.failed(FailureKind.IO_ERROR, reason, Duration.ZERO);
  }
}
