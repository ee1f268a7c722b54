package ai.ringrift.streams.modelregistry;

import ai.ringrift.events.ModelState;
import ai.ringrift.events.ModelVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Keeps a model registry's version list bounded. */
final class ModelRegistryTrim {
  private ModelRegistryTrim() {}

  /**
   * {@code models} without the least useful versions beyond {@code max}: rejected and rolled-back
   * ones first, then candidates, then archived ones (the rollback targets), oldest first within
   * each; the production model is never dropped.
   */
  static List<ModelVersion> trim(List<ModelVersion> models, String productionId, int max) {
    if (models.size() <= max) {
      return List.copyOf(models);
    }
    List<ModelVersion> droppable = new ArrayList<>(models);
    droppable.removeIf(m -> m.getModelId().equals(productionId));
    droppable.sort(
        Comparator.comparingInt((ModelVersion m) -> keepRank(m.getState()))
            .thenComparing(ModelVersion::getUpdatedAt));
    List<ModelVersion> kept = new ArrayList<>(models);
    for (int i = 0; kept.size() > max && i < droppable.size(); i++) {
      kept.remove(droppable.get(i));
    }
    return List.copyOf(kept);
  }

  private static int keepRank(ModelState state) {
    return switch (state) {
      case REJECTED, ROLLED_BACK -> 0;
      case CANDIDATE -> 1;
      case ARCHIVED -> 2;
      case PRODUCTION -> 3;
    };
  }
}
