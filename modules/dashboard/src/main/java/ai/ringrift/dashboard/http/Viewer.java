package ai.ringrift.dashboard.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open page: its event stream, written by a thread of its own from a bounded queue, so a slow
 * or stalled browser holds up nobody else. When its queue is full it is dropped; the browser
 * reconnects and starts over with the whole state.
 */
final class Viewer {
  private static final Logger LOGGER = LoggerFactory.getLogger(Viewer.class);

  private final HttpExchange exchange;
  private final BlockingQueue<ServerSentEvent> queue;
  private final Thread writer;
  private volatile boolean open = true;

  Viewer(HttpExchange exchange, int capacity, String name) {
    this.exchange = exchange;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::write, name);
    this.writer.setDaemon(true);
  }

  void start() {
    writer.start();
  }

  /** Queues {@code event}; false (and the viewer closed) when it is closed or too far behind. */
  boolean offer(ServerSentEvent event) {
    if (open && queue.offer(event)) {
      return true;
    }
    if (open) {
      LOGGER.info("dropping a dashboard page that fell {} messages behind", queue.size());
    }
    close();
    return false;
  }

  boolean isOpen() {
    return open;
  }

  private void write() {
    try (OutputStream out = exchange.getResponseBody()) {
      while (open) {
        ServerSentEvent event = queue.take();
        out.write(event.bytes());
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      LOGGER.debug("dashboard page went away: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open = false;
      exchange.close();
    }
  }

  /** Ends the stream (the browser's EventSource then reconnects). */
  void close() {
    open = false;
    writer.interrupt();
  }
}
