package ai.ringrift.streams.common;

import ai.ringrift.client.json.AvroJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
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
public final class StoreView<V extends IndexedRecord> implements Function<String, Object> {
  private final StreamsApp app;
  private final String store;
  private final String plural;
  private final BiFunction<String, V, IndexedRecord> render;

  /**
   * A view showing the store's values as they are.
   *
   * @param app the app owning the store
   * @param store the store's name
   * @param plural what the entries are called in the listing, e.g. {@code models}
   */
  public StoreView(StreamsApp app, String store, String plural) {
    this(app, store, plural, (key, value) -> value);
  }

  /**
   * A view showing what {@code render} makes of each entry (e.g. a signal computed from inputs).
   */
  public StoreView(
      StreamsApp app, String store, String plural, BiFunction<String, V, IndexedRecord> render) {
    this.app = app;
    this.store = store;
    this.plural = plural;
    this.render = render;
  }

  @Override
  public Object apply(String key) {
    ReadOnlyKeyValueStore<String, V> kv;
    try {
      if (!app.isRunning()) {
        return unavailable("the app is " + app.streams().state());
      }
      kv = app.store(store);
      if (!key.isEmpty()) {
        V value = kv.get(key);
        return value == null ? null : AvroJson.toMap(render.apply(key, value));
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      try (KeyValueIterator<String, V> all = kv.all()) {
        while (all.hasNext()) {
          KeyValue<String, V> next = all.next();
          entries.put(next.key, AvroJson.toMap(render.apply(next.key, next.value)));
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
