package ai.ringrift.dashboard.view;

import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One config's model registry as the dashboard shows it, the same whether it was read from {@code
 * ringrift.state.models} or from the promotion controller's {@code /status/models} view (which
 * renders the same record as JSON); the newer of the two wins.
 *
 * @param config the config key
 * @param productionModelId the production model, if there is one
 * @param models every registered version
 * @param updatedAt when the registry last changed (epoch ms)
 * @param source {@code topic} or the status URL it came from
 */
public record ModelRegistryView(
    String config, String productionModelId, List<Model> models, long updatedAt, String source) {
  public ModelRegistryView {
    models = List.copyOf(models);
  }

  /** The registry record of the state topic. */
  static ModelRegistryView of(ModelRegistryEntry entry) {
    List<Model> models = new ArrayList<>();
    for (ModelVersion m : entry.getModels()) {
      models.add(
          new Model(
              m.getModelId(),
              m.getState().name(),
              m.getElo(),
              m.getWinRate(),
              m.getPromotedAtMs(),
              m.getUpdatedAt().toEpochMilli(),
              m.getEvaluationEventId(),
              m.getModelPath()));
    }
    return new ModelRegistryView(
        ConfigKeys.format(entry.getConfig()),
        entry.getProductionModelId(),
        models,
        entry.getUpdatedAt().toEpochMilli(),
        "topic");
  }

  /** The registry as the status view renders it ({@code AvroJson} of the same record). */
  static ModelRegistryView of(String config, Map<String, Object> json, String source) {
    List<Model> models = new ArrayList<>();
    if (json.get("models") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          models.add(
              new Model(
                  text(m.get("model_id")),
                  text(m.get("state")),
                  number(m.get("elo")),
                  number(m.get("win_rate")),
                  m.get("promoted_at_ms") instanceof Number n ? n.longValue() : null,
                  millis(m.get("updated_at")),
                  text(m.get("evaluation_event_id")),
                  text(m.get("model_path"))));
        }
      }
    }
    return new ModelRegistryView(
        config,
        text(json.get("production_model_id")),
        models,
        millis(json.get("updated_at")),
        source);
  }

  /** The production model's version, if there is one. */
  public java.util.Optional<Model> production() {
    return models.stream().filter(m -> m.modelId().equals(productionModelId)).findFirst();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }

  /**
   * A time as a record map holds it (an {@link Instant}), or as JSON does (ISO text, or millis).
   */
  static long millis(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    } else if (value instanceof Instant i) {
      return i.toEpochMilli();
    }
    return value == null ? 0 : Instant.parse(value.toString()).toEpochMilli();
  }

  /**
   * A registered model version.
   *
   * @param modelId its id
   * @param state CANDIDATE, PRODUCTION, ARCHIVED, ROLLED_BACK or REJECTED
   * @param elo its Elo, when evaluated
   * @param winRate its overall win rate, when evaluated
   * @param promotedAt when it last became production (epoch ms)
   * @param updatedAt when its entry changed (epoch ms)
   * @param evaluationEventId the evaluation behind its Elo
   * @param path where the model file is
   */
  public record Model(
      String modelId,
      String state,
      Double elo,
      Double winRate,
      Long promotedAt,
      long updatedAt,
      String evaluationEventId,
      String path) {}
}
