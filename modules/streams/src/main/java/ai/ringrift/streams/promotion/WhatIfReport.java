package ai.ringrift.streams.promotion;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the promotion controller would have decided over the recorded evaluations with changed
 * thresholds.
 *
 * @param applicationId the throw-away application id the replay ran under
 * @param overrides the thresholds changed ({@code key=value} as given)
 * @param evaluationsReplayed evaluation events read from the beginning of the topic
 * @param decisions one per candidate evaluation, in the order they were decided (per config)
 * @param rollbacks production models that would have been rolled back after a re-evaluation
 */
public record WhatIfReport(
    String applicationId,
    Map<String, String> overrides,
    long evaluationsReplayed,
    List<Decision> decisions,
    List<Rollback> rollbacks) {
  public WhatIfReport {
    overrides = Map.copyOf(overrides);
    decisions = List.copyOf(decisions);
    rollbacks = List.copyOf(rollbacks);
  }

  /**
   * A gate decision on one evaluation.
   *
   * @param config the config, e.g. {@code square8_2p}
   * @param modelId the candidate
   * @param evaluationEventId the evaluation event decided on
   * @param promoted whether it would have been promoted
   * @param gate the gate that rejected it (null when promoted)
   * @param actual the rejecting gate's measured value
   * @param threshold the rejecting gate's threshold
   * @param reason for people
   */
  public record Decision(
      String config,
      String modelId,
      String evaluationEventId,
      boolean promoted,
      String gate,
      double actual,
      double threshold,
      String reason) {}

  /**
   * A rollback.
   *
   * @param config the config
   * @param fromModelId the production model rolled back
   * @param toModelId the model restored
   * @param reason why
   */
  public record Rollback(String config, String fromModelId, String toModelId, String reason) {}

  /** The decisions that promote. */
  public List<Decision> promotions() {
    return decisions.stream().filter(Decision::promoted).toList();
  }

  /** The models that would have been promoted, by config, in order. */
  public Map<String, List<String>> promotedModelsByConfig() {
    Map<String, List<String>> byConfig = new TreeMap<>();
    for (Decision d : promotions()) {
      byConfig.computeIfAbsent(d.config(), k -> new java.util.ArrayList<>()).add(d.modelId());
    }
    byConfig.replaceAll((k, v) -> List.copyOf(v));
    return byConfig;
  }

  /** A plain-text summary for the command line. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "what-if %s: %d evaluations replayed, %d promotions, %d rejections, %d rollbacks%n",
            overrides,
            evaluationsReplayed,
            promotions().size(),
            decisions.size() - promotions().size(),
            rollbacks.size()));
    for (Decision d : decisions) {
      out.append(
          d.promoted()
              ? String.format(Locale.ROOT, "  %-13s %-24s PROMOTED%n", d.config(), d.modelId())
              : String.format(
                  Locale.ROOT,
                  "  %-13s %-24s rejected by %s (%.3f vs %.3f)%n",
                  d.config(),
                  d.modelId(),
                  d.gate(),
                  d.actual(),
                  d.threshold()));
    }
    for (Rollback r : rollbacks) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-13s rolled back %s -> %s: %s%n",
              r.config(),
              r.fromModelId(),
              r.toModelId(),
              r.reason()));
    }
    return out.toString();
  }
}
