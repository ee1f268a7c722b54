package ai.ringrift.dashboard;

import ai.ringrift.dashboard.feed.KafkaFeed;
import ai.ringrift.dashboard.feed.LagPoller;
import ai.ringrift.dashboard.feed.StatusPoller;
import ai.ringrift.dashboard.http.DashboardRoutes;
import ai.ringrift.dashboard.http.ServerSentEvent;
import ai.ringrift.dashboard.http.ViewerHub;
import ai.ringrift.dashboard.view.FeedStatus;
import ai.ringrift.dashboard.view.LoopView;
import ai.ringrift.dashboard.view.TailEntry;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.http.StatusServer;
import ai.ringrift.streams.promotion.PromotionConfig;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard of the training loop, served at {@code /dashboard/} on a service's status
 * endpoint: one reader of the topics ({@link KafkaFeed}), one reader of the consumer groups' lag
 * and one of the Streams apps' status views build one {@link LoopView}; what changes is pushed to
 * every open page as server-sent events as it happens, at most once per {@code pushIntervalMillis}.
 * No database: a dashboard that starts reads the topics again.
 *
 * <pre>{@code
 * Dashboard dashboard = runtime.manage(Dashboard.start(context));
 * System.out.println("dashboard at " + dashboard.url());
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(Dashboard.class);
  private static final String HEALTH = "dashboard.feed";
  private static final String VIEWERS = "dashboard.viewers";

  private final ServiceRuntime runtime;
  private final LoopView view;
  private final ViewerHub hub;
  private final KafkaFeed feed;
  private final LagPoller lag;
  private final ScheduledExecutorService pushing;
  private final ScheduledExecutorService polling;
  private final long pushIntervalMillis;
  private final AtomicBoolean pushDue = new AtomicBoolean();
  private volatile long lastPush;
  private long lastTail;

  private Dashboard(ServiceContext context, DashboardSettings settings, Clock clock) {
    this.runtime = context.runtime();
    this.view =
        new LoopView(
            new LoopView.Limits(
                settings.tailSize(),
                settings.eventIndexSize(),
                settings.dedupCapacity(),
                settings.breakerHistory(),
                settings.deadLettersPerTopic()),
            PromotionConfig.load(context.config()).headToHead(),
            clock);
    this.hub = new ViewerHub(settings.viewerQueue(), this::everything);
    this.feed =
        new KafkaFeed(
            context.kafka(),
            context.catalog(),
            context.serdes(),
            view,
            settings.historyHours(),
            clock);
    this.lag = new LagPoller(context.kafka(), view);
    this.pushing = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-push"));
    this.polling = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-poll"));
    StatusPoller status =
        new StatusPoller(
            () ->
                settings.statusUrls().isEmpty()
                    ? List.of(runtime.http().baseUrl())
                    : settings.statusUrls(),
            view,
            context.kafka());
    this.pushIntervalMillis = settings.pushIntervalMillis();
    view.onChange(this::changed);
    feed.start();
    pushing.scheduleWithFixedDelay(
        () -> hub.publish(() -> List.of(ServerSentEvent.comment("still here"))),
        settings.heartbeatSeconds(),
        settings.heartbeatSeconds(),
        TimeUnit.SECONDS);
    polling.scheduleWithFixedDelay(lag, 0, settings.lagIntervalSeconds(), TimeUnit.SECONDS);
    polling.scheduleWithFixedDelay(status, 1, settings.statusIntervalSeconds(), TimeUnit.SECONDS);
    new DashboardRoutes(view, hub).mount(runtime.http());
    runtime.health().register(HEALTH, feedHealth());
    runtime.metrics().gauge(VIEWERS, () -> (Gauge<Integer>) hub::viewers);
  }

  /** Starts the dashboard in {@code context}'s runtime with its config directory's settings. */
  public static Dashboard start(ServiceContext context) {
    return start(context, DashboardSettings.load(context.config(), System.getenv()));
  }

  /** Starts the dashboard in {@code context}'s runtime (other components may share it). */
  public static Dashboard start(ServiceContext context, DashboardSettings settings) {
    Dashboard dashboard = new Dashboard(context, settings, Clock.systemUTC());
    LOGGER.info("dashboard at {}", dashboard.url());
    return dashboard;
  }

  /** The page's address, e.g. {@code http://localhost:8080/dashboard/}. */
  public String url() {
    return runtime.http().baseUrl() + DashboardRoutes.ROOT + "/";
  }

  /** Pages connected now. */
  public int viewers() {
    return hub.viewers();
  }

  /** Ends every page's event stream (their browsers reconnect and get the whole state again). */
  public void disconnectViewers() {
    hub.disconnectAll();
  }

  /** What the dashboard knows, the way the page gets it. */
  public LoopView view() {
    return view;
  }

  /** Every section and the tail: what a page gets when it connects. */
  private List<ServerSentEvent> everything() {
    List<ServerSentEvent> events = new ArrayList<>();
    LoopView.SECTIONS.forEach(s -> events.add(event(s, view.section(s))));
    events.add(event("tail", view.tailAfter(0)));
    return events;
  }

  /**
   * Something changed: push it now, or when the push interval since the last push is over, so a
   * lone change goes out at once and a burst goes out as one message per section.
   */
  private void changed() {
    if (pushDue.compareAndSet(false, true)) {
      long wait = Math.max(0, lastPush + pushIntervalMillis - System.currentTimeMillis());
      try {
        pushing.schedule(this::push, wait, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing: nothing to push to
      }
    }
  }

  private void push() {
    pushDue.set(false);
    lastPush = System.currentTimeMillis();
    try {
      hub.publish(
          () -> {
            List<ServerSentEvent> events = new ArrayList<>();
            view.takeDirty().forEach(s -> events.add(event(s, view.section(s))));
            List<TailEntry> fresh = view.tailAfter(lastTail);
            if (!fresh.isEmpty()) {
              lastTail = fresh.get(fresh.size() - 1).seq();
              events.add(event("tail", fresh));
            }
            return events;
          });
    } catch (RuntimeException e) {
      // a failed push must not end the schedule: the next one sends the state again
      LOGGER.warn("dashboard push failed: {}", e.toString(), e);
    }
  }

  private static ServerSentEvent event(String name, Object body) {
    try {
      return ServerSentEvent.event(name, StatusServer.JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + name + " as JSON", e);
    }
  }

  private HealthCheck feedHealth() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        FeedStatus status = view.feedStatus();
        if (status.error() != null) {
          return Result.unhealthy("cannot read the topics: " + status.error());
        }
        return Result.healthy(
            (status.caughtUp() ? "live" : "reading the topics' history")
                + ", "
                + status.records()
                + " records read, "
                + hub.viewers()
                + " pages open");
      }
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops pushing and reading; every page's stream ends. */
  @Override
  public void close() {
    pushing.shutdownNow();
    polling.shutdownNow();
    hub.close();
    feed.close();
    lag.close();
    runtime.health().unregister(HEALTH);
    runtime.metrics().remove(VIEWERS);
  }
}
