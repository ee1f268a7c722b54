package ai.ringrift.client.subscribe;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.contract.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Collects a subscriber's filters and loop guard into one predicate. */
final class EventFilters {
  private final List<Predicate<SpecificRecord>> predicates = new ArrayList<>();
  private String source;
  private boolean ignoreOwn;

  void source(String source) {
    this.source = source;
  }

  void ignoreOwn() {
    ignoreOwn = true;
  }

  void configs(ConfigKey... configs) {
    Set<ConfigKey> wanted = Set.of(configs);
    predicates.add(event -> configOf(event).map(wanted::contains).orElse(true));
  }

  void sources(String... sources) {
    Set<String> wanted = Set.of(sources);
    predicates.add(
        event -> Events.header(event).map(h -> wanted.contains(h.getSource())).orElse(false));
  }

  void predicate(Predicate<SpecificRecord> predicate) {
    predicates.add(java.util.Objects.requireNonNull(predicate, "predicate"));
  }

  Predicate<SpecificRecord> build(String subscriber) {
    List<Predicate<SpecificRecord>> all = new ArrayList<>(predicates);
    if (ignoreOwn) {
      if (source == null || source.isBlank()) {
        throw new IllegalStateException(
            "subscriber "
                + subscriber
                + " ignores its own events but has no source: call source(\"name@host\")");
      }
      String own = source;
      all.add(event -> !Events.header(event).map(EventHeader::getSource).orElse("").equals(own));
    }
    List<Predicate<SpecificRecord>> fixed = List.copyOf(all);
    return event -> {
      for (Predicate<SpecificRecord> p : fixed) {
        if (!p.test(event)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Optional<ConfigKey> configOf(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("config");
    return field == null
        ? Optional.empty()
        : Optional.ofNullable((ConfigKey) event.get(field.pos()));
  }
}
