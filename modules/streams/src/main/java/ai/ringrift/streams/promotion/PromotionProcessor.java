package ai.ringrift.streams.promotion;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelAction;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.ModelState;
import ai.ringrift.events.ModelVersion;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.RegressionAction;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.streams.common.ProcessorClock;
import ai.ringrift.streams.modelregistry.ModelRegistry;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promotion controller and model registry of the configs of one partition. An evaluation of a
 * candidate runs the gates and yields exactly one {@link PromotionRejected} or {@link
 * ModelPromoted}; an evaluation of the production model may roll it back, as may a {@link
 * RegressionDetected} that recommends it; a {@link TrainingCompleted} registers a candidate; a
 * {@link ModelActionRequested} is an operator's promotion or rollback outside the gates. Every
 * registry change is forwarded as the config's {@link ModelRegistryEntry}. A copy of an event it
 * applied never reaches it: {@code SeenEvents} drops it in front.
 */
final class PromotionProcessor
    implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Logger LOGGER = LoggerFactory.getLogger(PromotionProcessor.class);

  private final PromotionConfig config;
  private final PromotionGates gates;
  private final RollbackRule rollbackRule;
  private final PromotionEvents events;
  private ProcessorContext<String, SpecificRecord> context;
  private ProcessorClock clock;
  private KeyValueStore<String, ModelRegistryEntry> registries;

  PromotionProcessor(PromotionConfig config, String source) {
    this.config = config;
    this.gates = new PromotionGates(config);
    this.rollbackRule = new RollbackRule(config.rollback());
    this.events = new PromotionEvents(source);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clock = ProcessorClock.of(context);
    this.registries = context.getStateStore(PromotionControllerApp.MODEL_REGISTRY_STORE);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    Instant now = clock.instant();
    SpecificRecord event = record.value();
    ModelRegistryEntry stored = registries.get(record.key());
    ModelRegistry registry =
        stored != null
            ? ModelRegistry.of(stored, config.registry().maxVersions())
            : ModelRegistry.empty(configOf(event), now, config.registry().maxVersions());
    ModelRegistry next = registry;
    if (event instanceof EvaluationCompleted e) {
      next = evaluated(record, e, registry, now);
    } else if (event instanceof TrainingCompleted t) {
      next = registry.withCandidate(t.getModelId(), t.getModelPath(), now);
    } else if (event instanceof RegressionDetected r) {
      next = regressed(record, r, registry, now);
    } else if (event instanceof ModelActionRequested a) {
      next = requested(record, a, registry, now);
    }
    if (next != registry) {
      registries.put(record.key(), next.entry());
      context.forward(record.withValue(next.entry()), PromotionControllerApp.REGISTRY_OUT);
    }
  }

  private ModelRegistry evaluated(
      Record<String, SpecificRecord> record,
      EvaluationCompleted e,
      ModelRegistry registry,
      Instant now) {
    Optional<ModelVersion> production = registry.production();
    if (production.isPresent() && production.get().getModelId().equals(e.getModelId())) {
      Optional<String> why = rollbackRule.reason(production.get(), e);
      ModelRegistry updated = registry.withEvaluation(e, ModelState.PRODUCTION, now);
      return why.map(reason -> rollBack(record, updated, e.getHeader(), reason, null, now))
          .orElse(updated);
    }
    GateReport report = gates.evaluate(e, registry);
    Optional<GateResult> failure = report.firstFailure();
    if (failure.isPresent()) {
      LOGGER.debug(
          "config={} model={} rejected gate={} actual={} threshold={}",
          record.key(),
          e.getModelId(),
          failure.get().gate(),
          failure.get().actual(),
          failure.get().threshold());
      context.forward(
          record.withValue(events.rejected(e, failure.get(), now)),
          PromotionControllerApp.REJECTED_OUT);
      // a registered candidate is marked; an unregistered one stays out of the registry (the
      // rejection event is its record), so a stream of rejections does not rewrite the registry
      return registry.find(e.getModelId()).isPresent()
          ? registry.withEvaluation(e, ModelState.REJECTED, now)
          : registry;
    }
    LOGGER.info("config={} model={} promoted", record.key(), e.getModelId());
    context.forward(
        record.withValue(events.promoted(e, registry, report, config.eloStart(), now)),
        PromotionControllerApp.PROMOTED_OUT);
    return registry.promote(e, now);
  }

  private ModelRegistry regressed(
      Record<String, SpecificRecord> record,
      RegressionDetected r,
      ModelRegistry registry,
      Instant now) {
    boolean ofProduction = r.getModelId().equals(registry.entry().getProductionModelId());
    if (r.getRecommendation() != RegressionAction.ROLLBACK || !ofProduction) {
      return registry;
    }
    String reason =
        r.getSeverity()
            + " regression, Elo drop "
            + r.getEloDrop()
            + ", "
            + r.getConsecutive()
            + " in a row";
    return rollBack(record, registry, r.getHeader(), reason, r.getHeader().getEventId(), now);
  }

  /** An operator's promotion or rollback; one the registry cannot carry out is logged, not done. */
  private ModelRegistry requested(
      Record<String, SpecificRecord> record,
      ModelActionRequested request,
      ModelRegistry registry,
      Instant now) {
    if (request.getAction() == ModelAction.ROLLBACK) {
      return rollBack(
          record,
          registry,
          request.getHeader(),
          PromotionEvents.manualReason("rollback", request),
          null,
          now);
    }
    Instant at = request.getHeader().getOccurredAt();
    Optional<ModelRegistry> promoted =
        request.getModelId() == null
            ? Optional.empty()
            : registry.promoteManually(request.getModelId(), at, now);
    if (promoted.isEmpty()) {
      LOGGER.warn(
          "config={} model={} manual promotion by {} ignored: not in the registry or already"
              + " production",
          record.key(),
          request.getModelId(),
          request.getRequestedBy());
      return registry;
    }
    LOGGER.info(
        "config={} model={} promoted manually by {}",
        record.key(),
        request.getModelId(),
        request.getRequestedBy());
    context.forward(
        record.withValue(events.promotedManually(request, registry, config.eloStart(), now)),
        PromotionControllerApp.PROMOTED_OUT);
    return promoted.get();
  }

  private ModelRegistry rollBack(
      Record<String, SpecificRecord> record,
      ModelRegistry registry,
      EventHeader cause,
      String reason,
      String regressionEventId,
      Instant now) {
    String from = registry.entry().getProductionModelId();
    Optional<ModelRegistry> rolled = registry.rollback(now);
    if (rolled.isEmpty()) {
      LOGGER.warn(
          "config={} model={} should roll back ({}) but has no previous production model",
          record.key(),
          from,
          reason);
      return registry;
    }
    ModelVersion to = rolled.get().production().orElseThrow();
    LOGGER.warn(
        "config={} rolled back from={} to={} reason={}",
        record.key(),
        from,
        to.getModelId(),
        reason);
    ModelRolledBack event =
        events.rolledBack(cause, registry, from, to, reason, regressionEventId, now);
    context.forward(record.withValue(event), PromotionControllerApp.ROLLED_BACK_OUT);
    return rolled.get();
  }

  private static ConfigKey configOf(SpecificRecord event) {
    return (ConfigKey) event.get(event.getSchema().getField("config").pos());
  }
}
