package ai.ringrift.streams.common;

import ai.ringrift.streams.state.SeenEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The Streams apps' half of the rule "one event counts once" ({@code docs/event-contract.md}): an
 * app's processor wrapped so that it sees each event once per {@code event_id}, and a changelogged
 * store of the ids it applied (the time it did, {@link SeenEvent}), kept for the dedup window
 * ({@code dedup.windowHours}, {@code config/client.yaml}). The store is consulted and written by
 * the same processor, in the same task as the app's effect, so under exactly-once "seen" and
 * "applied" commit together: a crash leaves both or neither.
 *
 * <p>An id is written only after the app's processor returned. It wraps the app's processor rather
 * than sitting in front of it as a node of its own because Kafka Streams hands a processing failure
 * to the dead-letter handler at the node that failed and then returns to the node before it as if
 * nothing happened: a node in front would remember an event whose processing failed, and drop it
 * when it is redriven. A redrive meant for another consumer group ({@code ringrift.redrive.for}) is
 * dropped too.
 *
 * <p>Every app names its store: the name is part of its changelog topic, {@code
 * <application.id>-<store>-changelog}, which must not change between releases.
 */
public final class SeenEvents {
  private SeenEvents() {}

  /** The store of seen ids {@code name}, changelogged unless {@code logged} is false. */
  public static StoreBuilder<KeyValueStore<String, SeenEvent>> store(
      AppConfig<?> config, String name, boolean logged) {
    return Topologies.store(config, name, SeenEvent.class, logged);
  }

  /**
   * {@code app}'s processors, each wrapped to see an event once; the processor node must be
   * connected to the store {@code store} (besides its own).
   */
  public static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> once(
      AppConfig<?> config,
      String store,
      ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> app) {
    return () -> new OnceProcessor(store, config.dedup(), app.get());
  }
}
