package ai.ringrift.streams.modelregistry;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelState;
import ai.ringrift.events.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The model registry of one config as an immutable value over {@link ModelRegistryEntry}: models
 * move from CANDIDATE to PRODUCTION (or REJECTED); a promotion ARCHIVES the previous production
 * model; a rollback marks production ROLLED_BACK and restores the most recently promoted ARCHIVED
 * model. At most {@code maxVersions} versions are kept, the oldest non-production ones dropped
 * first (archived ones last, as they are the rollback targets).
 */
public final class ModelRegistry {
  private final ModelRegistryEntry entry;
  private final int maxVersions;

  private ModelRegistry(ModelRegistryEntry entry, int maxVersions) {
    this.entry = entry;
    this.maxVersions = maxVersions;
  }

  /** The registry of {@code entry}. */
  public static ModelRegistry of(ModelRegistryEntry entry, int maxVersions) {
    return new ModelRegistry(entry, maxVersions);
  }

  /** An empty registry of {@code config}. */
  public static ModelRegistry empty(ConfigKey config, Instant now, int maxVersions) {
    return new ModelRegistry(
        ModelRegistryEntry.newBuilder()
            .setConfig(config)
            .setModels(new ArrayList<>())
            .setUpdatedAt(now)
            .build(),
        maxVersions);
  }

  /** The entry, as stored and published. */
  public ModelRegistryEntry entry() {
    return entry;
  }

  /** The production model, if any. */
  public Optional<ModelVersion> production() {
    return find(entry.getProductionModelId());
  }

  /** The version of {@code modelId}, if registered. */
  public Optional<ModelVersion> find(String modelId) {
    if (modelId == null) {
      return Optional.empty();
    }
    return entry.getModels().stream().filter(m -> m.getModelId().equals(modelId)).findFirst();
  }

  /** When the config last promoted a model (evaluation time). */
  public Optional<Instant> lastPromotedAt() {
    return Optional.ofNullable(entry.getLastPromotedAt());
  }

  /** Registers a newly trained model as a CANDIDATE (no change when it is known). */
  public ModelRegistry withCandidate(String modelId, String path, Instant now) {
    if (find(modelId).isPresent()) {
      return this;
    }
    ModelVersion version =
        ModelVersion.newBuilder()
            .setModelId(modelId)
            .setModelPath(path)
            .setState(ModelState.CANDIDATE)
            .setUpdatedAt(now)
            .build();
    return with(replace(version), entry.getProductionModelId(), now);
  }

  /** Records an evaluation's Elo and win rate; {@code state} is the model's state after it. */
  public ModelRegistry withEvaluation(EvaluationCompleted e, ModelState state, Instant now) {
    return with(replace(evaluated(e, state, now).build()), entry.getProductionModelId(), now);
  }

  /** Makes the evaluated model production; the previous one is archived. */
  public ModelRegistry promote(EvaluationCompleted e, Instant now) {
    Instant at = e.getHeader().getOccurredAt();
    List<ModelVersion> models = new ArrayList<>(entry.getModels());
    production().ifPresent(p -> replaceIn(models, archived(p, now)));
    replaceIn(
        models,
        evaluated(e, ModelState.PRODUCTION, now)
            .setPromotedAtMs(at.toEpochMilli())
            .setPromotedElo(e.getElo())
            .setPromotedWinRate(e.getWinRate())
            .build());
    ModelRegistryEntry promoted =
        ModelRegistryEntry.newBuilder(with(models, e.getModelId(), now).entry)
            .setLastPromotedAt(at)
            .build();
    return new ModelRegistry(promoted, maxVersions);
  }

  /**
   * Makes the registered model {@code modelId} production on an operator's word, outside the gates
   * (promoted at {@code at}, with its latest Elo and win rate as the rollback baseline); the
   * previous production model is archived. Empty when the model is not registered or already
   * production.
   */
  public Optional<ModelRegistry> promoteManually(String modelId, Instant at, Instant now) {
    Optional<ModelVersion> model = find(modelId);
    if (model.isEmpty() || modelId.equals(entry.getProductionModelId())) {
      return Optional.empty();
    }
    List<ModelVersion> models = new ArrayList<>(entry.getModels());
    production().ifPresent(p -> replaceIn(models, archived(p, now)));
    replaceIn(
        models,
        ModelVersion.newBuilder(model.get())
            .setState(ModelState.PRODUCTION)
            .setUpdatedAt(now)
            .setPromotedAtMs(at.toEpochMilli())
            .setPromotedElo(model.get().getElo())
            .setPromotedWinRate(model.get().getWinRate())
            .build());
    ModelRegistryEntry promoted =
        ModelRegistryEntry.newBuilder(with(models, modelId, now).entry)
            .setLastPromotedAt(at)
            .build();
    return Optional.of(new ModelRegistry(promoted, maxVersions));
  }

  private ModelVersion.Builder evaluated(EvaluationCompleted e, ModelState state, Instant now) {
    return find(e.getModelId())
        .map(ModelVersion::newBuilder)
        .orElseGet(() -> ModelVersion.newBuilder().setModelId(e.getModelId()))
        .setModelPath(e.getModelPath())
        .setState(state)
        .setElo(e.getElo())
        .setWinRate(e.getWinRate())
        .setEvaluationEventId(e.getHeader().getEventId())
        .setUpdatedAt(now);
  }

  /**
   * Rolls production back to the most recently promoted archived model; empty when there is no
   * production model or nothing to go back to.
   */
  public Optional<ModelRegistry> rollback(Instant now) {
    Optional<ModelVersion> current = production();
    Optional<ModelVersion> previous =
        entry.getModels().stream()
            .filter(m -> m.getState() == ModelState.ARCHIVED && m.getPromotedAtMs() != null)
            .max(Comparator.comparing(ModelVersion::getPromotedAtMs));
    if (current.isEmpty() || previous.isEmpty()) {
      return Optional.empty();
    }
    ModelVersion rolledBack =
        ModelVersion.newBuilder(current.get())
            .setState(ModelState.ROLLED_BACK)
            .setUpdatedAt(now)
            .build();
    ModelVersion restored =
        ModelVersion.newBuilder(previous.get())
            .setState(ModelState.PRODUCTION)
            .setUpdatedAt(now)
            .build();
    ModelRegistry step = with(replace(rolledBack), null, now);
    return Optional.of(step.with(step.replace(restored), restored.getModelId(), now));
  }

  private static ModelVersion archived(ModelVersion version, Instant now) {
    return ModelVersion.newBuilder(version).setState(ModelState.ARCHIVED).setUpdatedAt(now).build();
  }

  private List<ModelVersion> replace(ModelVersion version) {
    List<ModelVersion> models = new ArrayList<>(entry.getModels());
    replaceIn(models, version);
    return models;
  }

  private static void replaceIn(List<ModelVersion> models, ModelVersion version) {
    models.removeIf(m -> m.getModelId().equals(version.getModelId()));
    models.add(version);
  }

  private ModelRegistry with(List<ModelVersion> models, String productionId, Instant now) {
    List<ModelVersion> kept = ModelRegistryTrim.trim(models, productionId, maxVersions);
    return new ModelRegistry(
        ModelRegistryEntry.newBuilder(entry)
            .setModels(kept)
            .setProductionModelId(productionId)
            .setUpdatedAt(now)
            .build(),
        maxVersions);
  }
}
