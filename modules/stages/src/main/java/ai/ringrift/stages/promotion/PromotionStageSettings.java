package ai.ringrift.stages.promotion;

import ai.ringrift.config.Check;

/**
 * The promotion stage (section {@code promotion} of {@code config/stages.yaml}).
 *
 * @param keepPrevious keep the replaced production model beside the new one ({@code
 *     <name>.previous}) so a rollback can restore it even when its original file is gone
 */
public record PromotionStageSettings(Boolean keepPrevious) {
  public PromotionStageSettings {
    keepPrevious = Check.orDefault(keepPrevious, true);
  }
}
