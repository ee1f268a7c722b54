package ai.ringrift.simulation;

import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.npz.NpyFormatException;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated training: reads the shard's sample count from the real {@code .npz}, and writes a model
 * whose hidden strength moves from its base model's toward the ceiling, more with more data — or,
 * with the configured probability, falls (a bad run). Reports a falling loss every epoch.
 *
 * <p>Parameters: {@code config}, {@code npz}, {@code model} (output file), {@code model_id}, {@code
 * base_model} (optional: the model to start from), {@code epochs}. Result: {@code model_path},
 * {@code model_id}, {@code epochs}, {@code final_loss}, {@code samples_trained}, {@code regressed}.
 */
public final class SimulatedTrainer implements Action {
  private static final Logger LOGGER = LoggerFactory.getLogger(SimulatedTrainer.class);

  private final long seed;
  private final SimulationSettings.TrainerSettings settings;

  public SimulatedTrainer(SimulationSettings settings) {
    this.seed = settings.seed();
    this.settings = settings.trainer();
  }

  @Override
  public ActionResult run(ActionRequest request) throws InterruptedException {
    long started = System.nanoTime();
    String config = request.require("config");
    int epochs = request.requireInt("epochs");
    Path npz = Path.of(request.require("npz"));
    long samples;
    double baseElo;
    String parent = "";
    try {
      samples = samples(npz);
      String base = request.optional("base_model", "");
      baseElo = settings.initialElo();
      if (!base.isEmpty() && Files.exists(Path.of(base))) {
        SimulatedModel model = SimulatedModel.read(Path.of(base));
        baseElo = model.hiddenElo();
        parent = model.modelId();
      }
    } catch (NpyFormatException | IllegalArgumentException e) {
      return ActionResult.failed(FailureKind.BAD_INPUT, e.getMessage(), since(started));
    } catch (IOException e) {
      return ActionResult.failed(FailureKind.IO_ERROR, "cannot read inputs: " + e, since(started));
    }
    SplittableRandom random = Seeds.random(seed, config, request.runId());
    boolean regressed = random.nextDouble() < settings.regressionProbability();
    double elo =
        Math.min(settings.ceilingElo(), baseElo + delta(baseElo, samples, regressed, random));
    double loss = train(epochs, random, request);
    String modelId = request.require("model_id");
    Path out = Path.of(request.require("model"));
    try {
      new SimulatedModel(modelId, config, elo, samples, parent).write(out, settings.modelBytes());
    } catch (IOException e) {
      return ActionResult.failed(
          FailureKind.IO_ERROR, "cannot write " + out + ": " + e, since(started));
    }
    return ActionResult.succeeded(
        ResultValues.of(
            Map.of(
                "model_path", out.toString(),
                "model_id", modelId,
                "epochs", epochs,
                "final_loss", loss,
                "samples_trained", samples,
                "regressed", regressed)),
        since(started));
  }

  private double delta(double base, long samples, boolean regressed, SplittableRandom random) {
    if (regressed) {
      return -(settings.regressionMinElo()
          + random.nextDouble() * (settings.regressionMaxElo() - settings.regressionMinElo()));
    }
    double share =
        settings.gainFraction() * samples / (double) (samples + settings.halfGainSamples());
    return (settings.ceilingElo() - base) * share + settings.noiseElo() * Seeds.gaussian(random);
  }

  private double train(int epochs, SplittableRandom random, ActionRequest request)
      throws InterruptedException {
    double loss = 0;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      if (settings.epochMillis() > 0) {
        Thread.sleep(settings.epochMillis()); // simulated work; the real trainer takes hours
      }
      loss = 0.4 + 1.6 * Math.exp(-3.0 * epoch / epochs) + 0.02 * random.nextDouble();
      report(request, new Progress(epoch, epochs, loss, OptionalDouble.of(loss * 1.1)));
    }
    return loss;
  }

  private static void report(ActionRequest request, Progress progress) {
    try {
      request.progress().onProgress(progress);
    } catch (RuntimeException e) {
      LOGGER.warn(
          "run={} progress listener failed; ignoring it: {}", request.runId(), e.toString());
    }
  }

  private static long samples(Path npz) throws IOException {
    NpyHeader values = NpzReader.headers(npz).get("values");
    if (values == null || values.shape().isEmpty()) {
      throw new NpyFormatException(npz + " has no values array to count samples by");
    }
    return values.shape().get(0);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
