package ai.ringrift.stages.training;

import ai.ringrift.events.TrainingSignal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When a training is due (pure): the signal computer says {@code should_train}, an export exists
 * that no training used yet, it holds enough samples, and the config's last training ended more
 * than the cooldown ago. One training per export: the export's event id is the trigger.
 */
public final class TrainingAction {
  /** The placeholders a training command may use. */
  public static final Set<String> PLACEHOLDERS =
      Set.of("config", "npz", "model", "model_id", "base_model", "epochs", "batch_size", "run_id");

  /**
   * An export that can be trained on.
   *
   * @param eventId the {@code NpzExportCompleted}'s id: the training's trigger
   * @param npzPath the shard
   * @param samples its sample count
   * @param at when it was exported
   */
  public record Export(String eventId, String npzPath, long samples, Instant at) {}

  /** The answer. */
  public enum Verdict {
    DUE,
    COOLING_DOWN,
    NOT_DUE
  }

  /**
   * @param verdict what to do
   * @param reason why, for logs
   * @param notBefore when the cooldown ends (for COOLING_DOWN)
   */
  public record Decision(Verdict verdict, String reason, Instant notBefore) {}

  private final TrainingConfig config;

  public TrainingAction(TrainingConfig config) {
    this.config = config;
  }

  /**
   * @param signal the config's latest training signal, or null
   * @param export the config's newest export, or null
   * @param trained whether a training of that export finished already
   * @param lastTraining when the config's last training ended, or null
   * @param now the time
   */
  public Decision decide(
      TrainingSignal signal, Export export, boolean trained, Instant lastTraining, Instant now) {
    if (export == null) {
      return notDue("no export yet");
    }
    if (trained) {
      return notDue("export " + export.eventId() + " was trained on already");
    }
    if (signal == null || !signal.getShouldTrain()) {
      return notDue(
          signal == null
              ? "no training signal yet"
              : "the signal says not to train (urgency " + signal.getUrgency() + ")");
    }
    if (export.samples() < config.minSamples()) {
      return notDue(export.samples() + " samples, fewer than " + config.minSamples());
    }
    if (lastTraining != null && now.isBefore(lastTraining.plus(config.cooldown()))) {
      Instant ends = lastTraining.plus(config.cooldown());
      return new Decision(Verdict.COOLING_DOWN, "cooldown until " + ends, ends);
    }
    return new Decision(
        Verdict.DUE,
        "signal "
            + signal.getUrgency()
            + ", "
            + export.samples()
            + " samples in "
            + export.npzPath(),
        null);
  }

  /** The action's parameters for one run. */
  public Map<String, String> parameters(
      String configKey, String npz, String model, String modelId, String baseModel, String runId) {
    Map<String, String> p = new HashMap<>();
    p.put("config", configKey);
    p.put("npz", npz);
    p.put("model", model);
    p.put("model_id", modelId);
    p.put("base_model", baseModel == null ? "" : baseModel);
    p.put("epochs", Integer.toString(config.epochs()));
    p.put("batch_size", Integer.toString(config.batchSize()));
    p.put("run_id", runId);
    return p;
  }

  private static Decision notDue(String reason) {
    return new Decision(Verdict.NOT_DUE, reason, null);
  }
}
