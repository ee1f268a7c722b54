package ai.ringrift.stages.promotion;

import ai.ringrift.stages.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a model where selfplay reads it (the production model file of its config) without a reader
 * ever seeing half a file: copied to a temporary name beside the target, then renamed over it in
 * one step. The model it replaces is kept as {@code <target>.previous} for rollbacks.
 */
public final class PromotionAction {
  /** The suffix of the kept previous production model. */
  public static final String PREVIOUS = ".previous";

  private final PromotionStageSettings config;

  public PromotionAction(PromotionStageSettings config) {
    this.config = config;
  }

  /** Makes {@code model} the production model at {@code target}. */
  public void publish(Path model, Path target) throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new IOException("model file " + model + " does not exist");
    }
    if (inPlace(model, target)) {
      return; // published already (a retry or a redelivered trigger): nothing changes
    }
    if (config.keepPrevious() && Files.isRegularFile(target)) {
      AtomicFiles.copy(target, previous(target));
    }
    AtomicFiles.copy(model, target);
  }

  /**
   * Makes {@code model} the production model again after a rollback; when its file is gone, the
   * kept previous production model (which a rollback goes back to) is restored instead.
   */
  public Path restore(Path model, Path target) throws IOException {
    if (Files.isRegularFile(model)) {
      if (!inPlace(model, target)) {
        AtomicFiles.copy(model, target);
      }
      return model;
    }
    Path kept = previous(target);
    if (!Files.isRegularFile(kept)) {
      throw new IOException(
          "cannot roll back: neither "
              + model
              + " nor the kept previous model "
              + kept
              + " exists");
    }
    AtomicFiles.copy(kept, target);
    return kept;
  }

  /** True when {@code target} holds exactly {@code model}'s bytes. */
  public static boolean inPlace(Path model, Path target) throws IOException {
    return Files.isRegularFile(target)
        && Files.isRegularFile(model)
        && Files.mismatch(model, target) == -1;
  }

  static Path previous(Path target) {
    return target.resolveSibling(target.getFileName() + PREVIOUS);
  }
}
