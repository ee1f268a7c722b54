package ai.ringrift.streams.common;

import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.client.subscribe.RedriveTarget;
import ai.ringrift.events.contract.Events;
import ai.ringrift.streams.state.SeenEvent;
import java.time.Instant;
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
 * Hands an event to the app's processor unless its id is in the store and younger than the window;
 * remembers the id once the app's processor returned; drops the ids older than the window on a
 * wall-clock punctuation. See {@link SeenEvents}.
 */
final class OnceProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private static final Logger LOGGER = LoggerFactory.getLogger(OnceProcessor.class);

  private final String storeName;
  private final DedupSettings settings;
  private final Processor<String, SpecificRecord, String, SpecificRecord> app;
  private ProcessorContext<String, SpecificRecord> context;
  private ProcessorClock clock;
  private KeyValueStore<String, SeenEvent> seen;

  OnceProcessor(
      String storeName,
      DedupSettings settings,
      Processor<String, SpecificRecord, String, SpecificRecord> app) {
    this.storeName = storeName;
    this.settings = settings;
    this.app = app;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.clock = ProcessorClock.of(context);
    this.seen = context.getStateStore(storeName);
    context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purge);
    app.init(context);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (RedriveTarget.isForAnother(record.headers(), context.applicationId())) {
      LOGGER.debug(
          "app={} key={} skipped a redrive for {}",
          context.applicationId(),
          record.key(),
          RedriveTarget.of(record.headers()).orElse("?"));
      return;
    }
    Optional<String> id = Events.eventId(record.value());
    if (id.isEmpty()) {
      app.process(record); // no header, nothing to count by (no input of the apps is such)
      return;
    }
    Instant now = clock.instant();
    SeenEvent before = seen.get(id.get());
    if (before != null && fresh(before, now)) {
      LOGGER.info(
          "app={} key={} {} {} applied at {}: this copy is dropped",
          context.applicationId(),
          record.key(),
          Events.typeName(record.value()),
          id.get(),
          before.getSeenAt());
      return;
    }
    app.process(record); // throws when processing fails: then the id is not remembered
    seen.put(id.get(), new SeenEvent(now));
  }

  @Override
  public void close() {
    app.close();
  }

  private boolean fresh(SeenEvent event, Instant now) {
    return event.getSeenAt().plus(settings.window()).isAfter(now);
  }

  private void purge(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    try (KeyValueIterator<String, SeenEvent> all = seen.all()) {
      while (all.hasNext()) {
        KeyValue<String, SeenEvent> next = all.next();
        if (!fresh(next.value, now)) {
          seen.delete(next.key);
        }
      }
    }
  }
}
