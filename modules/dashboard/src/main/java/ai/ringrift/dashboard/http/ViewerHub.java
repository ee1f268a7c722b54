package ai.ringrift.dashboard.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every open page of the dashboard: the one place that fans what the dashboard's readers found out
 * to all of them. A page that connects first gets the whole state ({@code greeting}), then every
 * change; what is published and what a new page gets are taken under one lock, so a page never sees
 * an older state after a newer one.
 */
public final class ViewerHub implements AutoCloseable {
  /** Milliseconds a browser waits before it reconnects a dropped stream. */
  static final int RETRY_MILLIS = 1000;

  private final int queueCapacity;
  private final Supplier<List<ServerSentEvent>> greeting;
  private final List<Viewer> viewers = new ArrayList<>();
  private final AtomicLong opened = new AtomicLong();
  private boolean closed;

  /**
   * @param queueCapacity messages that may wait for one page
   * @param greeting the whole state, for a page that just connected
   */
  public ViewerHub(int queueCapacity, Supplier<List<ServerSentEvent>> greeting) {
    this.queueCapacity = queueCapacity;
    this.greeting = greeting;
  }

  /** Answers {@code exchange} with an event stream that stays open; returns at once. */
  public void open(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    Viewer viewer =
        new Viewer(exchange, queueCapacity, "dashboard-page-" + opened.incrementAndGet());
    synchronized (this) {
      if (closed) {
        exchange.close();
        return;
      }
      viewers.add(viewer);
      viewer.offer(ServerSentEvent.retry(RETRY_MILLIS));
      greeting.get().forEach(viewer::offer);
    }
    viewer.start();
  }

  /** Sends what {@code changes} returns to every page; it runs under the hub's lock. */
  public synchronized void publish(Supplier<List<ServerSentEvent>> changes) {
    List<ServerSentEvent> events = changes.get();
    if (events.isEmpty()) {
      return;
    }
    viewers.removeIf(v -> !v.isOpen());
    for (Viewer viewer : viewers) {
      for (ServerSentEvent event : events) {
        if (!viewer.offer(event)) {
          break;
        }
      }
    }
    viewers.removeIf(v -> !v.isOpen());
  }

  /** Pages connected now. */
  public synchronized int viewers() {
    viewers.removeIf(v -> !v.isOpen());
    return viewers.size();
  }

  /** Ends every page's stream; their browsers reconnect. */
  public synchronized void disconnectAll() {
    viewers.forEach(Viewer::close);
    viewers.clear();
  }

  @Override
  public synchronized void close() {
    closed = true;
    disconnectAll();
  }
}
