package ai.ringrift.stages.host;

import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.subscribe.BacklogHandler;
import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.client.subscribe.Deduplicator;
import ai.ringrift.client.subscribe.EventContext;
import ai.ringrift.client.subscribe.EventSubscriber;
import ai.ringrift.client.subscribe.SubscriberBuilder;
import ai.ringrift.config.ConfigException;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import ai.ringrift.runtime.daemon.Daemon;
import com.codahale.metrics.health.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side every stage service shares: a subscriber in group {@code ringrift.stage.<name>}
 * whose handlers hand each trigger to a {@link TriggerRunner}, so actions run off the poll thread
 * and the trigger's offset is committed only when its run is done. All trigger topics of a stage
 * must have the same partition count, and the group uses the range assignor, so one config's
 * triggers of every topic come to the same instance.
 *
 * <p>One event counts once ({@code docs/event-contract.md}): a copy of a trigger this instance has
 * taken to its end within the dedup window is skipped by a {@link Deduplicator} before it is even
 * decided on; a copy that comes to another instance, or after a restart, finds its trigger among
 * the {@code recent_triggers} of {@code ringrift.state.stage-runs} (written in the same transaction
 * as the run's outcome) and is not run again. A redrive meant for another group is skipped by the
 * subscriber.
 */
public final class StageHost implements Daemon, AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StageHost.class);

  /** Turns a trigger event into the decision of what to run for it. */
  @FunctionalInterface
  public interface Trigger<T extends SpecificRecord> {
    TriggerRunner.Decision decide(T event);
  }

  /**
   * Turns a trigger event, and the fresh triggers of its type fetched behind it on its partition
   * (oldest first, often none), into the decision of one run that answers them all.
   */
  @FunctionalInterface
  public interface CoalescingTrigger<T extends SpecificRecord> {
    TriggerRunner.Decision decide(T event, List<T> waiting);
  }

  private final String name;
  private final Stage stage;
  private final RunPolicy policy;
  private final StageSupport support;
  private final EventPublisher publisher;
  private final Map<Class<? extends SpecificRecord>, Route<?>> routes;
  private final List<AutoCloseable> owned;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final Deduplicator handled;
  private StageWriter writer;
  private TriggerRunner runner;
  private EventSubscriber subscriber;
  private boolean closed;

  private StageHost(Builder builder) {
    this.name = builder.name;
    this.stage = builder.stage;
    this.policy = builder.policy;
    this.support = builder.support;
    this.routes = Map.copyOf(builder.routes);
    this.owned = List.copyOf(builder.owned);
    checkCopartitioned();
    this.publisher = support.publisher(name);
    this.handled = Deduplicator.from(DedupSettings.load(support.config()), support.clock());
  }

  /** A host for service {@code name} of {@code stage}. */
  public static Builder builder(String name, Stage stage, StageSupport support, RunPolicy policy) {
    return new Builder(name, stage, support, policy);
  }

  /** The service's publisher: headers of its events, progress and per-host reports. */
  public EventPublisher publisher() {
    return publisher;
  }

  /** Connects, joins the group and starts handling triggers; returns this host. */
  public synchronized StageHost start() {
    if (subscriber != null) {
      return this;
    }
    writer = support.writer(name);
    runner = new TriggerRunner(name, stage, policy, support, writer, publisher);
    SubscriberBuilder builder =
        EventSubscriber.builder()
            .name(support.groupId(name))
            .kafka(
                support
                    .kafka()
                    .with(
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        RangeAssignor.class.getName()))
            .config(support.config())
            .catalog(support.catalog())
            .serdes(support.serdes())
            .settings(support.subscriberSettings())
            .source(support.source(name))
            .clock(support.clock())
            .metrics(support.metrics());
    if (!policy.configs().isEmpty()) {
      builder.configs(policy.configKeys().toArray(ConfigKey[]::new));
    }
    routes.forEach((type, route) -> handle(builder, type, route));
    subscriber = builder.build();
    runner.assignment(subscriber::assignment);
    subscriber.start();
    support.context().runtime().http().view("stage-" + name, this::status);
    LOGGER.info(
        "stage service {} started: group={} triggers={}",
        name,
        subscriber.groupId(),
        routes.keySet());
    return this;
  }

  /**
   * How the events of one type are handled: in which lane of their config, and which of the events
   * fetched behind one its run may answer too ({@code takes}; none for most triggers).
   */
  private record Route<T extends SpecificRecord>(
      String lane, CoalescingTrigger<T> trigger, Predicate<T> takes) {}

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> void handle(
      SubscriberBuilder builder, Class<T> type, Route<?> untyped) {
    Route<T> route = (Route<T>) untyped;
    builder.onAsyncWithBacklog(
        type,
        handled.wrapWithBacklog(
            (T event, EventContext context, BacklogHandler.Backlog<T> backlog) ->
                runner.submit(
                    configOf(event),
                    route.lane(),
                    new TopicPartition(context.topic(), context.partition()),
                    event,
                    () ->
                        route.takes().test(event)
                            ? backlog.events().stream().filter(route.takes()).toList()
                            : List.of(),
                    waiting -> route.trigger().decide(event, (List<T>) (List<?>) waiting))));
  }

  @Override
  public void run() throws Exception {
    start();
    try {
      stopped.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      close();
    }
  }

  @Override
  public void stop() {
    stopped.complete(null);
  }

  /** The partitions of the trigger topics this instance owns now. */
  public Set<TopicPartition> assignment() {
    EventSubscriber current = subscriber;
    return current == null ? Set.of() : current.assignment();
  }

  @Override
  public HealthCheck.Result health() {
    EventSubscriber current = subscriber;
    if (current == null) {
      return HealthCheck.Result.unhealthy("not started");
    }
    Optional<String> problem =
        current
            .failure()
            .map(e -> "subscriber stopped: " + e)
            .or(() -> writer.fatalError().map(e -> "cannot record runs: " + e))
            .or(() -> support.tables().lastError().map(e -> "state tables: " + e));
    return problem.map(HealthCheck.Result::unhealthy).orElse(HealthCheck.Result.healthy());
  }

  @Override
  public long lag() {
    String prefix = "ringrift.subscriber." + support.groupId(name) + ".lag.";
    return support.metrics().getGauges((n, m) -> n.startsWith(prefix)).values().stream()
        .mapToLong(g -> g.getValue() instanceof Number n ? n.longValue() : 0)
        .sum();
  }

  private Map<String, Object> status() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("service", name);
    view.put("group", support.groupId(name));
    view.put("assignment", assignment().stream().map(TopicPartition::toString).sorted().toList());
    view.put("running", runner == null ? List.of() : runner.running());
    view.put("copiesSkipped", handled.skipped());
    return view;
  }

  /** Stops: no new attempt, running actions finish or hand back, then everything closes. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopped.complete(null);
    if (runner != null) {
      runner.stopping();
    }
    closeQuietly(subscriber);
    closeQuietly(runner);
    closeQuietly(writer);
    closeQuietly(publisher);
    owned.forEach(StageHost::closeQuietly);
    LOGGER.info("stage service {} stopped", name);
  }

  private void checkCopartitioned() {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    routes
        .keySet()
        .forEach(
            t ->
                partitions.put(
                    support.catalog().topicFor(t).name(),
                    support.catalog().topicFor(t).partitions()));
    if (partitions.values().stream().distinct().count() > 1) {
      throw new ConfigException(
          "topics",
          "the triggers of stage service "
              + name
              + " must have the same number of partitions, so that one instance gets all of a"
              + " config's triggers; they have "
              + partitions);
    }
  }

  private static ConfigKey configOf(SpecificRecord event) {
    return (ConfigKey) event.get(event.getSchema().getField("config").pos());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOGGER.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }

  /** Builds a {@link StageHost}. */
  public static final class Builder {
    private final String name;
    private final Stage stage;
    private final StageSupport support;
    private final RunPolicy policy;
    private final Map<Class<? extends SpecificRecord>, Route<?>> routes = new LinkedHashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Builder(String name, Stage stage, StageSupport support, RunPolicy policy) {
      this.name = name;
      this.stage = stage;
      this.support = support;
      this.policy = policy;
    }

    /** Reacts to {@code type}: {@code trigger} decides what to run for each event. */
    public <T extends SpecificRecord> Builder on(Class<T> type, Trigger<T> trigger) {
      routes.put(type, new Route<T>("", (e, waiting) -> trigger.decide(e), e -> false));
      return this;
    }

    /**
     * Reacts to {@code type} in the config's main lane, one run answering the event and the events
     * of {@code type} fetched behind it on its partition (see {@link TriggerRunner#submit}): for
     * work of which one run serves many triggers (a sync).
     */
    public <T extends SpecificRecord> Builder coalescing(
        Class<T> type, CoalescingTrigger<T> trigger) {
      return coalescing(type, e -> true, trigger);
    }

    /**
     * As {@link #coalescing(Class, CoalescingTrigger)}, for the events of {@code type} that {@code
     * takes} accepts only: one it does not accept is decided alone and answers none behind it, and
     * is never taken by one before it.
     */
    public <T extends SpecificRecord> Builder coalescing(
        Class<T> type, Predicate<T> takes, CoalescingTrigger<T> trigger) {
      routes.put(type, new Route<T>("", trigger, takes));
      return this;
    }

    /**
     * Reacts to {@code type} in lane {@code lane} of each config: its runs go one at a time, in
     * order, beside (not after) the runs of the config's other lanes. A lane is for work that must
     * not hold up the config's main runs (a model distribution beside games syncs); its runs still
     * record themselves under the (config, stage) key, see {@link TriggerRunner}.
     */
    public <T extends SpecificRecord> Builder on(Class<T> type, String lane, Trigger<T> trigger) {
      if (lane == null || lane.isBlank()) {
        throw new IllegalArgumentException("a lane needs a name");
      }
      routes.put(type, new Route<T>(lane, (e, waiting) -> trigger.decide(e), e -> false));
      return this;
    }

    /** Closes {@code resource} when the host closes (after the subscriber). */
    public Builder owning(AutoCloseable resource) {
      owned.add(resource);
      return this;
    }

    public StageHost build() {
      return new StageHost(this);
    }
  }
}
