package ai.ringrift.streams.circuit;

import ai.ringrift.events.CircuitResetRequested;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import ai.ringrift.events.contract.KeyKind;
import ai.ringrift.streams.common.OutputHeaders;
import ai.ringrift.streams.common.ProcessorClock;
import java.time.Instant;
import java.util.EnumMap;
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
 * Drives the (stage, config) breakers of the configs of one partition: stage results, probe starts
 * (from {@code StageRun}), manual resets and the wall clock. Forwards the new {@link CircuitState}
 * (for the compacted table) after every change and a {@link CircuitStateChanged} for every status
 * change.
 */
final class CircuitBreakerProcessor
    implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Logger LOGGER = LoggerFactory.getLogger(CircuitBreakerProcessor.class);

  private final CircuitBreakerConfig config;
  private final Map<Stage, Breaker> breakers = new EnumMap<>(Stage.class);
  private final OutputHeaders headers;
  private ProcessorContext<String, SpecificRecord> context;
  private ProcessorClock clock;
  private KeyValueStore<String, CircuitState> store;

  CircuitBreakerProcessor(CircuitBreakerConfig config, String source) {
    this.config = config;
    this.headers = new OutputHeaders(source);
    for (Stage stage : Stage.values()) {
      breakers.put(stage, new Breaker(config.settingsFor(stage)));
    }
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clock = ProcessorClock.of(context);
    this.store = context.getStateStore(CircuitBreakerApp.STORE);
    context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    Instant now = clock.instant();
    SpecificRecord event = record.value();
    EventHeader cause = Events.header(event).orElseThrow();
    if (event instanceof CircuitResetRequested reset) {
      String reason = "reset by " + reset.getRequestedBy() + ": " + reset.getReason();
      apply(reset.getConfig(), reset.getStage(), now, cause, (b, s, k) -> b.reset(s, reason, now));
    } else if (event instanceof StageRun run) {
      if (run.getStatus() == RunStatus.STARTED) {
        apply(run.getConfig(), run.getStage(), now, cause, (b, s, k) -> b.probeStarted(s, k, now));
      } else if (run.getStatus() == RunStatus.INTERRUPTED) {
        apply(
            run.getConfig(), run.getStage(), now, cause, (b, s, k) -> b.probeAbandoned(s, k, now));
      }
    } else {
      Optional<StageOutcome> outcome = StageOutcome.of(event);
      outcome.ifPresent(
          o ->
              apply(
                  o.config(),
                  o.stage(),
                  now,
                  cause,
                  (b, s, k) ->
                      o.success() ? b.success(s, k, now) : b.failure(s, k, o.error(), now)));
    }
  }

  private void tick(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    try (KeyValueIterator<String, CircuitState> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, CircuitState> next = all.next();
        CircuitState state = next.value;
        Breaker breaker = breakers.get(state.getStage());
        emit(next.key, breaker.elapse(state, next.key, now), now, null);
      }
    }
  }

  @FunctionalInterface
  private interface Input {
    Breaker.Step apply(Breaker breaker, CircuitState state, String key);
  }

  private void apply(ConfigKey config, Stage stage, Instant now, EventHeader cause, Input input) {
    CircuitState initial = Breaker.initial(config, stage, now);
    String key = KeyKind.CONFIG_STAGE.keyOf(initial);
    CircuitState state = store.get(key);
    if (state == null) {
      state = initial;
    }
    emit(key, input.apply(breakers.get(stage), state, key), now, cause);
  }

  private void emit(String key, Breaker.Step step, Instant now, EventHeader cause) {
    if (!step.changed()) {
      return;
    }
    store.put(key, step.state());
    long timestamp = now.toEpochMilli();
    context.forward(new Record<>(key, step.state(), timestamp));
    for (Breaker.Transition t : step.transitions()) {
      CircuitState after = t.after();
      String identity = key + "|" + t.from() + ">" + after.getStatus() + "|" + timestamp;
      String type = CircuitStateChanged.class.getSimpleName();
      CircuitStateChanged changed =
          CircuitStateChanged.newBuilder()
              .setHeader(
                  cause == null
                      ? headers.spontaneous(type, identity, now)
                      : headers.reactingTo(cause, type + "|" + identity, now))
              .setConfig(after.getConfig())
              .setStage(after.getStage())
              .setFromState(t.from())
              .setToState(after.getStatus())
              .setConsecutiveFailures(after.getConsecutiveFailures())
              .setOpens(after.getOpens())
              .setRetryAt(after.getRetryAt())
              .setReason(t.reason())
              .build();
      LOGGER.info(
          "breaker={} {} -> {} opens={} retryAt={} reason={}",
          key,
          t.from(),
          after.getStatus(),
          after.getOpens(),
          after.getRetryAt(),
          t.reason());
      context.forward(new Record<>(ConfigKeys.format(after.getConfig()), changed, timestamp));
    }
  }
}
