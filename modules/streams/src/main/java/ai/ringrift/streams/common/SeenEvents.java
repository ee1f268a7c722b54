package ai.ringrift.streams.common;

import ai.ringrift.streams.state.SeenEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The Streams apps' half of the rule "one event counts once" ({@code docs/event-contract.md}): a
 * processor in front of an app's own that passes each event on once per {@code event_id}, and a
 * changelogged store of the ids it passed on (the time it did, {@link SeenEvent}), kept for the
 * dedup window ({@code dedup.windowHours}, {@code config/client.yaml}). The store is consulted and
 * written in the same task as the app's effect, so under exactly-once "seen" and "applied" commit
 * together: a crash leaves both or neither. An id is written only after the app's processor
 * returned, so an event whose processing failed (and went to the DLQ) is not seen and is applied
 * when it is redriven. A redrive meant for another consumer group ({@code ringrift.redrive.for}) is
 * dropped here too.
 *
 * <p>Every app names its processor and store (they name its changelog topic, {@code
 * <application.id>-<store>-changelog}, which must not change between releases).
 */
public final class SeenEvents {
  private SeenEvents() {}

  /** The store of seen ids {@code name}, changelogged unless {@code logged} is false. */
  public static StoreBuilder<KeyValueStore<String, SeenEvent>> store(
      AppConfig<?> config, String name, boolean logged) {
    return Topologies.store(config, name, SeenEvent.class, logged);
  }

  /** The processor, for a DSL topology: {@code stream.process(filter(..), named, store)}. */
  public static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> filter(
      AppConfig<?> config, String store) {
    return () -> new SeenEventFilter(store, config.dedup());
  }

  /**
   * Adds processor {@code name} with its store {@code store} to {@code topology}, fed by {@code
   * parents}; the app's own processor takes {@code name} as its parent. Returns {@code name}.
   */
  public static String add(
      Topology topology,
      AppConfig<?> config,
      String name,
      String store,
      boolean logged,
      String... parents) {
    topology.addProcessor(name, filter(config, store), parents);
    topology.addStateStore(store(config, store, logged), name);
    return name;
  }
}
