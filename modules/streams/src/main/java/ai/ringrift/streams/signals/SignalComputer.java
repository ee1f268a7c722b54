package ai.ringrift.streams.signals;

import ai.ringrift.events.EventHeader;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.streams.common.OutputHeaders;
import ai.ringrift.streams.common.ProcessorClock;
import ai.ringrift.streams.state.SignalState;
import java.time.Instant;
import java.util.Locale;
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
 * whenever an input (or, on wall-clock punctuation, the passing of time) changes it, and a {@link
 * RegressionDetected} when a re-evaluation shows the production model regressed.
 */
final class SignalComputer implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Logger LOGGER = LoggerFactory.getLogger(SignalComputer.class);

  private final SignalsConfig config;
  private final SignalRules rules;
  private final SignalStates states;
  private final OutputHeaders headers;
  private ProcessorContext<String, SpecificRecord> context;
  private ProcessorClock clock;
  private KeyValueStore<String, SignalState> inputs;
  private KeyValueStore<String, TrainingSignal> signals;

  SignalComputer(SignalsConfig config, String source) {
    this.config = config;
    this.rules = new SignalRules(config);
    this.states = new SignalStates(config);
    this.headers = new OutputHeaders(source);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clock = ProcessorClock.of(context);
    this.inputs = context.getStateStore(SignalComputerApp.INPUTS_STORE);
    this.signals = context.getStateStore(SignalComputerApp.SIGNALS_STORE);
    context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    Instant now = clock.instant();
    String key = record.key();
    SignalState state = inputs.get(key);
    if (state == null) {
      state = SignalStates.initial(key, now);
    }
    Optional<RegressionRules.Finding> regression = states.apply(state, record.value(), now);
    inputs.put(key, state);
    EventHeader cause = Events.header(record.value()).orElseThrow();
    regression.ifPresent(f -> emitRegression(record, cause, f, now));
    String type = TrainingSignal.class.getSimpleName();
    emitIfChanged(key, state, now, headers.reactingTo(cause, type, now));
  }

  private void tick(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    try (KeyValueIterator<String, SignalState> all = inputs.all()) {
      while (all.hasNext()) {
        KeyValue<String, SignalState> next = all.next();
        if (states.expire(next.value, now)) {
          inputs.put(next.key, next.value);
        }
        String identity = next.key + "@" + wallClockMillis;
        emitIfChanged(
            next.key,
            next.value,
            now,
            headers.spontaneous(TrainingSignal.class.getSimpleName(), identity, now));
      }
    }
  }

  private void emitIfChanged(String key, SignalState state, Instant now, EventHeader header) {
    SignalInputs in = states.inputs(state, now);
    SignalOutcome outcome = rules.evaluate(in);
    TrainingSignal previous = signals.get(key);
    if (previous != null && SignalChange.same(previous, outcome, in)) {
      return;
    }
    TrainingSignal signal = toSignal(key, header, outcome, in);
    signals.put(key, signal);
    context.forward(new Record<>(key, signal, now.toEpochMilli()), SignalComputerApp.SIGNALS_SINK);
    LOGGER.debug(
        "config={} urgency={} rule={} shouldTrain={} priority={}",
        key,
        outcome.urgency(),
        outcome.rule(),
        outcome.shouldTrain(),
        outcome.priority());
  }

  private static TrainingSignal toSignal(
      String key, EventHeader header, SignalOutcome outcome, SignalInputs in) {
    return TrainingSignal.newBuilder()
        .setHeader(header)
        .setConfig(ConfigKeys.parse(key))
        .setUrgency(outcome.urgency())
        .setShouldTrain(outcome.shouldTrain())
        .setPriority(outcome.priority())
        .setIntensity(outcome.intensity())
        .setEloTrendPerHour(in.eloTrendPerHour())
        .setNewGames(in.newGames())
        .setStalenessHours(in.hoursSinceTraining())
        .setBootstrap(outcome.bootstrap())
        .setEloRegression(outcome.eloRegression())
        .setWinRateRegression(outcome.winRateRegression())
        .setReason(
            String.format(
                Locale.ROOT,
                "%s: ratio %.2f, staleness %.2f, trend %.1f Elo/h, win rate %s, quality %.2f%s",
                outcome.rule(),
                outcome.ratio(),
                outcome.staleness(),
                in.eloTrendPerHour(),
                in.winRate() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", in.winRate()),
                in.quality(),
                in.timeOk() ? "" : ", too soon after the last training"))
        .build();
  }

  private void emitRegression(
      Record<String, SpecificRecord> record,
      EventHeader cause,
      RegressionRules.Finding finding,
      Instant now) {
    var evaluation = (ai.ringrift.events.EvaluationCompleted) record.value();
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
