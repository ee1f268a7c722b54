package ai.ringrift.streams.promotion;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.streams.common.OutputHeaders;
import ai.ringrift.streams.modelregistry.ModelRegistry;
import java.time.Instant;
import java.util.Optional;

/** The events the promotion controller emits, with the evidence they carry. */
final class PromotionEvents {
  private final OutputHeaders headers;

  PromotionEvents(String source) {
    this.headers = new OutputHeaders(source);
  }

  PromotionRejected rejected(EvaluationCompleted e, GateResult gate, Instant now) {
    return PromotionRejected.newBuilder()
        .setHeader(headers.reactingTo(e.getHeader(), "PromotionDecision", now))
        .setConfig(e.getConfig())
        .setModelId(e.getModelId())
        .setEvaluationEventId(e.getHeader().getEventId())
        .setGate(gate.gate())
        .setReason(gate.reason())
        .setActual(gate.actual())
        .setThreshold(gate.threshold())
        .build();
  }

  ModelPromoted promoted(
      EvaluationCompleted e,
      ModelRegistry registry,
      GateReport report,
      double eloStart,
      Instant now) {
    Optional<ModelVersion> previous = registry.production();
    return ModelPromoted.newBuilder()
        .setHeader(headers.reactingTo(e.getHeader(), "PromotionDecision", now))
        .setConfig(e.getConfig())
        .setModelId(e.getModelId())
        .setModelPath(e.getModelPath())
        .setEvaluationEventId(e.getHeader().getEventId())
        .setPreviousModelId(previous.map(ModelVersion::getModelId).orElse(null))
        .setPreviousModelPath(previous.map(ModelVersion::getModelPath).orElse(null))
        .setEloBefore(previous.map(ModelVersion::getElo).filter(x -> x != null).orElse(eloStart))
        .setEloAfter(e.getElo())
        .setReason(report.summary())
        .setVsRandom(winRate(report, PromotionGates.WIN_RATE_VS_RANDOM))
        .setVsHeuristic(winRate(report, PromotionGates.WIN_RATE_VS_HEURISTIC))
        .build();
  }

  /** A promotion an operator asked for ({@code request}); the gates did not run. */
  ModelPromoted promotedManually(
      ModelActionRequested request, ModelRegistry before, double eloStart, Instant now) {
    Optional<ModelVersion> previous = before.production();
    ModelVersion model = before.find(request.getModelId()).orElseThrow();
    double eloBefore = previous.map(ModelVersion::getElo).filter(x -> x != null).orElse(eloStart);
    return ModelPromoted.newBuilder()
        .setHeader(headers.reactingTo(request.getHeader(), "PromotionDecision", now))
        .setConfig(request.getConfig())
        .setModelId(model.getModelId())
        .setModelPath(model.getModelPath())
        .setEvaluationEventId(
            model.getEvaluationEventId() != null
                ? model.getEvaluationEventId()
                : request.getHeader().getEventId())
        .setPreviousModelId(previous.map(ModelVersion::getModelId).orElse(null))
        .setPreviousModelPath(previous.map(ModelVersion::getModelPath).orElse(null))
        .setEloBefore(eloBefore)
        .setEloAfter(model.getElo() != null ? model.getElo() : eloBefore)
        .setReason(manualReason("promotion", request))
        .build();
  }

  /** Why an operator's action happened, as events record it. */
  static String manualReason(String what, ModelActionRequested request) {
    return "manual "
        + what
        + " by "
        + request.getRequestedBy()
        + (request.getReason().isBlank() ? "" : ": " + request.getReason());
  }

  ModelRolledBack rolledBack(
      EventHeader cause,
      ModelRegistry before,
      String from,
      ModelVersion to,
      String reason,
      String regressionEventId,
      Instant now) {
    return ModelRolledBack.newBuilder()
        .setHeader(headers.reactingTo(cause, ModelRolledBack.class.getSimpleName(), now))
        .setConfig(before.entry().getConfig())
        .setFromModelId(from)
        .setToModelId(to.getModelId())
        .setToModelPath(to.getModelPath())
        .setReason(reason)
        .setRegressionEventId(regressionEventId)
        .build();
  }

  private static Double winRate(GateReport report, String gate) {
    return report.gates().stream()
        .filter(g -> g.gate().equals(gate))
        .map(GateResult::actual)
        .findFirst()
        .orElse(null);
  }
}
