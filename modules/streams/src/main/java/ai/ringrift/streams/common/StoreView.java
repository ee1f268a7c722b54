package ai.ringrift.streams.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A JSON status view over one key-value store of a running app (Kafka Streams interactive queries):
 * {@code /status/<view>} lists every entry this instance hosts, {@code /status/<view>/<key>} shows
 * one (404 when absent). Until the app is RUNNING the view says so instead of failing.
 */
public final class StoreView implements Function<String, Object> {
  private final StreamsApp app;
  private final String store;
  private final String plural;

  /**
   * @param app the app owning the store
   * @param store the store's name
   * @param plural what the entries are called in the listing, e.g. {@code signals}
   */
  public StoreView(StreamsApp app, String store, String plural) {
    this.app = app;
    this.store = store;
    this.plural = plural;
  }

  @Override
  public Object apply(String key) {
    ReadOnlyKeyValueStore<String, IndexedRecord> kv;
    try {
      if (!app.isRunning()) {
        return unavailable("the app is " + app.streams().state());
      }
      kv = app.store(store);
      if (!key.isEmpty()) {
        IndexedRecord value = kv.get(key);
        return value == null ? null : AvroJson.toMap(value);
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      try (KeyValueIterator<String, IndexedRecord> all = kv.all()) {
        while (all.hasNext()) {
          KeyValue<String, IndexedRecord> next = all.next();
          entries.put(next.key, AvroJson.toMap(next.value));
        }
      }
      Map<String, Object> body = header(true);
      body.put(plural, new java.util.TreeMap<>(entries));
      return body;
    } catch (InvalidStateStoreException e) {
      return unavailable(e.getMessage());
    }
  }

  private Map<String, Object> unavailable(String why) {
    Map<String, Object> body = header(false);
    body.put("message", "state not queryable yet (" + why + "); retry shortly");
    return body;
  }

  private Map<String, Object> header(boolean available) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("app", app.name());
    body.put("state", app.streams().state().name());
    body.put("available", available);
    body.put("scope", "partitions hosted by this instance");
    return body;
  }
}
