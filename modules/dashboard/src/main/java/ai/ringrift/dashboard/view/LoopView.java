package ai.ringrift.dashboard.view;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.client.subscribe.Deduplicator;
import ai.ringrift.dashboard.lineage.Lineage;
import ai.ringrift.dashboard.lineage.ModelLineage;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.PipelineFailed;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.contract.Events;
import ai.ringrift.streams.promotion.PromotionConfig;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the dashboard shows, built from what the feed reads and the pollers fetch, and cut
 * into the sections the page renders ({@link #SECTIONS}). Each event counts once however often it
 * is delivered (by event id); state records replace what their key held. Thread-safe: the feed and
 * the pollers write, the pusher and the HTTP handlers read.
 */
public final class LoopView {
  /** The sections pushed to the page, each a whole replacement of what the page shows there. */
  public static final List<String> SECTIONS =
      List.of("overview", "strength", "breakers", "stages", "kafka", "signals");

  /** Stages that have a circuit breaker (rows of the grid even before any breaker changed). */
  static final List<String> BREAKER_STAGES = List.of("sync", "export", "training", "evaluation");

  private final Clock clock;
  private final PromotionConfig.HeadToHead headToHead;
  private final Deduplicator seen;
  private final EloTimeline elo = new EloTimeline();
  private final Map<String, ModelRegistryView> registries = new TreeMap<>();
  private final Map<String, ModelPromoted> promotions = new HashMap<>();
  private final BreakerGrid breakers;
  private final StageRunStats stages = new StageRunStats();
  private final DeadLetterLog deadLetters;
  private final BandwidthGrants bandwidth = new BandwidthGrants();
  private final Map<String, Map<String, Object>> signals = new TreeMap<>();
  private final Map<String, StreamsAppStatus> streamsApps = new TreeMap<>();
  private final EventIndex index;
  private final Deque<TailEntry> tail = new ArrayDeque<>();
  private final int tailSize;
  private final Set<String> dirty = new LinkedHashSet<>(SECTIONS);
  private List<ConsumerGroupLag> lags = List.of();
  private String lagError;
  private FeedStatus feed = FeedStatus.starting();
  private long tailSeq;
  private long duplicates;
  private Runnable changed = () -> {};

  /**
   * An empty view.
   *
   * @param limits how much of each kind it keeps
   * @param headToHead the promotion's head-to-head rule, for the SPRT of the evidence panel
   * @param clock what "now" is
   */
  public LoopView(Limits limits, PromotionConfig.HeadToHead headToHead, Clock clock) {
    this.clock = clock;
    this.headToHead = headToHead;
    this.seen = new Deduplicator(limits.dedupCapacity());
    this.breakers = new BreakerGrid(limits.breakerHistory());
    this.deadLetters = new DeadLetterLog(limits.deadLettersPerTopic(), limits.dedupCapacity());
    this.index = new EventIndex(limits.eventIndexSize());
    this.tailSize = limits.tailSize();
  }

  /**
   * Calls {@code listener} (quickly, under the view's lock) whenever a section or the tail changes,
   * so that changes can be pushed as they happen instead of on a clock.
   */
  public synchronized void onChange(Runnable listener) {
    this.changed = listener;
  }

  /** A record the feed read: an event (counted once per event id) or a state record. */
  public synchronized void record(TopicKind kind, RecordedEvent<SpecificRecord> e) {
    if (kind == TopicKind.STATE) {
      state(e.key(), e.event());
    }
    Optional<String> id = Events.eventId(e.event());
    if (id.isEmpty()) {
      return;
    }
    if (seen.seen(id.get())) {
      duplicates++;
      mark("overview");
      return;
    }
    seen.remember(id.get());
    index.add(e);
    tail.addLast(TailEntry.of(++tailSeq, e));
    while (tail.size() > tailSize) {
      tail.removeFirst();
    }
    event(e.event());
    changed.run();
  }

  /** A key of a state topic was deleted (a tombstone). */
  public synchronized void removed(String topic, String key) {
    if (topic.endsWith(".circuits") && breakers.removed(key)) {
      mark("breakers");
    } else if (topic.endsWith(".models") && registries.remove(key) != null) {
      mark("strength");
    } else if (topic.endsWith(".signals") && signals.remove(key) != null) {
      mark("signals");
    }
  }

  /** A DLQ the catalog names, shown with 0 until a dead letter arrives. */
  public synchronized void deadLetterTopic(String dlq) {
    deadLetters.known(dlq);
    mark("kafka");
  }

  /** A record of a DLQ. */
  public synchronized void deadLetter(DeadLetter letter) {
    if (deadLetters.add(letter)) {
      mark("kafka");
    } else {
      duplicates++;
    }
  }

  /** How the feed is doing. */
  public synchronized void feed(FeedStatus status) {
    if (!status.equals(feed)) {
      feed = status;
      mark("overview");
    }
  }

  /** How the feed is doing now. */
  public synchronized FeedStatus feedStatus() {
    return feed;
  }

  /** The consumer groups' lag as last read, or why it could not be read. */
  public synchronized void lag(List<ConsumerGroupLag> groups, String error) {
    this.lags = List.copyOf(groups);
    this.lagError = error;
    mark("kafka");
  }

  /**
   * What a Streams app's status view answered ({@code body}), or why it did not ({@code error}).
   */
  public synchronized void streamsView(
      String url, String view, Map<String, Object> body, String error) {
    StreamsAppStatus status = StreamsAppStatus.of(url, view, body, error, clock.millis());
    streamsApps.put(url + "/status/" + view, status);
    mark("overview");
    if (body == null || !Boolean.TRUE.equals(body.get("available"))) {
      return;
    }
    entries(body, view).forEach((key, value) -> queried(view, key, value, url));
  }

  /** The sections that changed since the last call. */
  public synchronized Set<String> takeDirty() {
    Set<String> changed = new LinkedHashSet<>(dirty);
    dirty.clear();
    return changed;
  }

  /** The section {@code name} as the page renders it. */
  public synchronized Map<String, Object> section(String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("now", clock.millis());
    switch (name) {
      case "overview" -> overview(body);
      case "strength" -> strength(body);
      case "breakers" -> breakers(body);
      case "stages" -> body.put("rows", stages.snapshot());
      case "kafka" -> kafka(body);
      case "signals" -> body.put("signals", new TreeMap<>(signals));
      default -> throw new IllegalArgumentException("no section " + name);
    }
    return body;
  }

  /** The tail entries after {@code seq}, oldest first. */
  public synchronized List<TailEntry> tailAfter(long seq) {
    return tail.stream().filter(t -> t.seq() > seq).toList();
  }

  /** The recent state changes of breaker {@code config/stage}, newest first. */
  public synchronized List<BreakerGrid.Change> breakerHistory(String key) {
    return breakers.history(key);
  }

  /** The newest dead letters of {@code dlq}, or null for a topic that is not a known DLQ. */
  public synchronized List<DeadLetter> deadLetters(String dlq) {
    return deadLetters.letters(dlq);
  }

  /** The events of a trace that are still kept, in the order they were read. */
  public synchronized List<TailEntry> trace(String traceId) {
    List<TailEntry> entries = new ArrayList<>();
    index.trace(traceId).forEach(e -> entries.add(TailEntry.of(0, e)));
    return entries;
  }

  /** The lineage of {@code model} among the kept events. */
  public Lineage lineage(String model) {
    List<RecordedEvent<SpecificRecord>> events;
    synchronized (this) {
      events = index.all();
    }
    return ModelLineage.of(model, events);
  }

  private void mark(String section) {
    dirty.add(section);
    changed.run();
  }

  private void event(SpecificRecord event) {
    if (elo.accept(event)) {
      if (event instanceof ModelPromoted p) {
        promotions.put(p.getModelId(), p);
      }
      mark("strength");
    } else if (event instanceof StageRun run) {
      stages.run(run);
      mark("stages");
    } else if (event instanceof PipelineFailed failed) {
      stages.gaveUp(failed);
      mark("stages");
    } else if (event instanceof TrainingProgress progress) {
      stages.progress(progress);
      mark("stages");
    } else if (event instanceof CircuitStateChanged changed) {
      breakers.changed(changed);
      mark("breakers");
    } else if (event instanceof BandwidthRequested r) {
      bandwidth.requested(r);
      mark("kafka");
    } else if (event instanceof BandwidthGranted g) {
      bandwidth.granted(g);
      mark("kafka");
    } else if (event instanceof BandwidthReleased r) {
      bandwidth.released(r);
      mark("kafka");
    }
  }

  private void state(String key, SpecificRecord value) {
    if (value instanceof CircuitState s) {
      if (breakers.state(s)) {
        mark("breakers");
      }
    } else if (value instanceof ModelRegistryEntry r) {
      registry(ModelRegistryView.of(r));
    } else if (value instanceof TrainingSignal s) {
      signal(key, AvroJson.toMap(s), "topic");
    }
  }

  private void queried(String view, String key, Map<String, Object> value, String url) {
    switch (view) {
      case "circuits" -> {
        if (breakers.state(key, value)) {
          mark("breakers");
        }
      }
      case "models" -> registry(ModelRegistryView.of(key, value, url));
      case "signals" -> signal(key, value, url);
      default -> {}
    }
  }

  private void registry(ModelRegistryView registry) {
    ModelRegistryView shown = registries.get(registry.config());
    if (shown == null
        || shown.updatedAt() < registry.updatedAt()
        || shown.updatedAt() == registry.updatedAt() && !shown.models().equals(registry.models())) {
      registries.put(registry.config(), registry);
      mark("strength");
    }
  }

  /** A config's signal, from the state topic or as of now from the view: the newer is shown. */
  private void signal(String key, Map<String, Object> value, String source) {
    long at =
        value.get("header") instanceof Map<?, ?> header
            ? ModelRegistryView.millis(header.get("occurred_at"))
            : 0;
    Map<String, Object> shown = signals.get(key);
    if (shown != null && shown.get("at") instanceof Long before && before > at) {
      return;
    }
    Map<String, Object> signal = new LinkedHashMap<>(value);
    signal.remove("header");
    signal.remove("config");
    signal.put("at", at);
    signal.put("source", source);
    signals.put(key, signal);
    mark("signals");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> entries(Map<String, Object> body, String view) {
    Object entries = body.get(view);
    return entries instanceof Map<?, ?> map ? (Map<String, Map<String, Object>>) map : Map.of();
  }

  private void overview(Map<String, Object> body) {
    body.put("feed", feed);
    body.put("duplicatesSkipped", duplicates);
    body.put("eventsKept", index.size());
    body.put("configs", configs());
    body.put("streamsApps", List.copyOf(streamsApps.values()));
  }

  private void strength(Map<String, Object> body) {
    Map<String, EloTimeline.Timeline> timelines = elo.snapshot();
    Map<String, Object> configs = new TreeMap<>();
    for (String config : configs()) {
      Map<String, Object> c = new LinkedHashMap<>();
      EloTimeline.Timeline t = timelines.get(config);
      c.put("points", t == null ? List.of() : t.points());
      c.put("production", t == null ? List.of() : t.production());
      ModelRegistryView registry = registries.get(config);
      c.put("registry", registry);
      c.put(
          "evidence",
          registry == null
              ? null
              : ProductionEvidence.of(registry, elo::evaluation, promotions, headToHead)
                  .orElse(null));
      configs.put(config, c);
    }
    body.put("configs", configs);
  }

  private void breakers(Map<String, Object> body) {
    Set<String> stageRows = new LinkedHashSet<>(BREAKER_STAGES);
    Map<String, BreakerGrid.Cell> cells = breakers.cells();
    cells.values().forEach(c -> stageRows.add(c.stage()));
    body.put("stages", List.copyOf(stageRows));
    body.put("configs", configs());
    body.put("cells", new TreeMap<>(cells));
  }

  private void kafka(Map<String, Object> body) {
    body.put("lag", lags);
    body.put("lagError", lagError);
    body.put("deadLetters", deadLetters.snapshot());
    body.put("bandwidth", bandwidth.snapshot(clock.millis()).values());
  }

  /** Every config anything was seen for, sorted. */
  private List<String> configs() {
    Set<String> configs = new TreeSet<>(elo.configs());
    configs.addAll(registries.keySet());
    configs.addAll(signals.keySet());
    breakers.cells().values().forEach(c -> configs.add(c.config()));
    stages.snapshot().values().forEach(r -> configs.add((String) r.get("config")));
    return List.copyOf(configs);
  }

  /**
   * How much the view keeps.
   *
   * @param tailSize events in the tail
   * @param eventIndexSize events kept by id
   * @param dedupCapacity event ids remembered
   * @param breakerHistory changes kept per breaker
   * @param deadLettersPerTopic dead letters kept per DLQ
   */
  public record Limits(
      int tailSize,
      int eventIndexSize,
      int dedupCapacity,
      int breakerHistory,
      int deadLettersPerTopic) {}
}
