package ai.ringrift.streams.signals;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.contract.Events;
import ai.ringrift.streams.common.OutputHeaders;
import ai.ringrift.streams.common.ProcessorClock;
import ai.ringrift.streams.state.SignalState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signal computer's processor: keeps each config's inputs, emits a {@link TrainingSignal}
 * whenever an input (or, on wall-clock punctuation, the passing of time) changes what the signal
 * says, and a {@link RegressionDetected} when a re-evaluation shows the production model regressed.
 */
final class SignalComputer implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Logger LOGGER = LoggerFactory.getLogger(SignalComputer.class);
  private static final String SIGNAL = TrainingSignal.class.getSimpleName();

  private final SignalsConfig config;
  private final SignalEvaluator evaluator;
  private final OutputHeaders headers;
  private ProcessorContext<String, SpecificRecord> context;
  private ProcessorClock clock;
  private KeyValueStore<String, SignalState> inputs;

  /**
   * The task's states as objects, in front of the store (which keeps bytes and would decode them on
   * every input): writes go to both; cleared whenever the task (re)initialises, and an entry is
   * dropped when processing an input fails half-way.
   */
  private final Map<String, SignalState> decoded = new HashMap<>();

  SignalComputer(SignalsConfig config, String source) {
    this.config = config;
    this.evaluator = new SignalEvaluator(config);
    this.headers = new OutputHeaders(source);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clock = ProcessorClock.of(context);
    this.inputs = context.getStateStore(SignalComputerApp.INPUTS_STORE);
    decoded.clear();
    context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    String key = record.key();
    try {
      update(record, key);
    } catch (RuntimeException e) {
      decoded.remove(key); // the dead-letter handler resumes: forget the half-applied change
      throw e;
    }
  }

  private void update(Record<String, SpecificRecord> record, String key) {
    Instant now = clock.instant();
    SignalState state = decoded.get(key);
    if (state == null) {
      state = inputs.get(key);
    }
    if (state == null) {
      state = SignalStates.initial(key, now);
    }
    Optional<RegressionRules.Finding> regression =
        evaluator.states().apply(state, record.value(), now);
    EventHeader cause = Events.header(record.value()).orElseThrow();
    regression.ifPresent(f -> emitRegression(record, cause, f, now));
    emitIfChanged(key, state, now, headers.reactingTo(cause, SIGNAL, now));
    put(key, state);
  }

  private void put(String key, SignalState state) {
    inputs.put(key, state);
    decoded.put(key, state);
  }

  @Override
  public void close() {
    decoded.clear();
  }

  private void tick(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    try (KeyValueIterator<String, SignalState> all = inputs.all()) {
      while (all.hasNext()) {
        KeyValue<String, SignalState> next = all.next();
        boolean expired = evaluator.states().expire(next.value, now);
        String identity = next.key + "@" + wallClockMillis;
        boolean emitted =
            emitIfChanged(next.key, next.value, now, headers.spontaneous(SIGNAL, identity, now));
        if (expired || emitted) {
          put(next.key, next.value);
        }
      }
    }
  }

  /** Emits the signal when it says something new; true when it did (the state then changed). */
  private boolean emitIfChanged(String key, SignalState state, Instant now, EventHeader header) {
    SignalEvaluator.Evaluation evaluation = evaluator.evaluate(state, now);
    String fingerprint = evaluation.fingerprint();
    if (fingerprint.equals(state.getLastSignal())) {
      return false;
    }
    state.setLastSignal(fingerprint);
    TrainingSignal signal = evaluator.toSignal(key, header, evaluation);
    context.forward(new Record<>(key, signal, now.toEpochMilli()), SignalComputerApp.SIGNALS_SINK);
    LOGGER.debug("config={} signal={}", key, fingerprint);
    return true;
  }

  private void emitRegression(
      Record<String, SpecificRecord> record,
      EventHeader cause,
      RegressionRules.Finding finding,
      Instant now) {
    EvaluationCompleted evaluation = (EvaluationCompleted) record.value();
    RegressionDetected event =
        RegressionDetected.newBuilder()
            .setHeader(headers.reactingTo(cause, RegressionDetected.class.getSimpleName(), now))
            .setConfig(evaluation.getConfig())
            .setModelId(evaluation.getModelId())
            .setSeverity(finding.severity())
            .setEloDrop(finding.drop())
            .setConsecutive(finding.consecutive())
            .setRecommendation(finding.action())
            .build();
    LOGGER.info(
        "config={} model={} regression severity={} drop={} consecutive={} action={}",
        record.key(),
        evaluation.getModelId(),
        finding.severity(),
        finding.drop(),
        finding.consecutive(),
        finding.action());
    context.forward(record.withValue(event), SignalComputerApp.REGRESSIONS_SINK);
  }
}
