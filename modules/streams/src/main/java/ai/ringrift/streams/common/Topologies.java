package ai.ringrift.streams.common;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Named sources, sinks and stores whose serdes all come from {@link AppConfig#serdes()}: the one
 * seam where the wire format (plain Avro, registry-framed Avro) is chosen.
 */
public final class Topologies {
  private Topologies() {}

  /** Adds source {@code name} reading the catalog topic of {@code type}; returns the name. */
  public static String source(
      Topology topology, AppConfig<?> config, Class<? extends SpecificRecord> type, String name) {
    topology.addSource(
        name,
        config.serdes().key().deserializer(),
        config.serdes().value(type).deserializer(),
        config.topic(type));
    return name;
  }

  /** Adds sink {@code name} writing {@code type} to its catalog topic, fed by {@code parent}. */
  public static <T extends SpecificRecord> void sink(
      Topology topology, AppConfig<?> config, Class<T> type, String name, String parent) {
    Serializer<T> values = config.serdes().value(type).serializer();
    topology.addSink(name, config.topic(type), config.serdes().key().serializer(), values, parent);
  }

  /**
   * A cached, changelogged in-memory store {@code name} of string keys and {@code type} values;
   * {@code logged = false} leaves the changelog out (the what-if replay writes no topic). In memory
   * because the apps' state is small (a record per config or breaker, and recent event ids) and a
   * persistent store would flush RocksDB on every exactly-once commit (every few ms here); the
   * changelog restores it on start.
   */
  public static <T extends SpecificRecord> StoreBuilder<KeyValueStore<String, T>> store(
      AppConfig<?> config, String name, Class<T> type, boolean logged) {
    StoreBuilder<KeyValueStore<String, T>> builder =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name),
                config.serdes().key(),
                config.serdes().value(type))
            .withCachingEnabled();
    return logged ? builder : builder.withLoggingDisabled();
  }
}
