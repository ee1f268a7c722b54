package ai.ringrift.dashboard.http;

import java.nio.charset.StandardCharsets;

/**
 * One message of a server-sent event stream as it goes on the wire: a named event with one line of
 * data (JSON never needs a second), a comment line that keeps a quiet stream alive, or the delay
 * before a browser reconnects.
 *
 * @param wire the message's text, ending in the blank line that ends a message
 */
public record ServerSentEvent(String wire) {
  /** The event {@code name} carrying {@code data}, which must be one line. */
  public static ServerSentEvent event(String name, String data) {
    if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("event data must be one line");
    }
    return new ServerSentEvent("event: " + name + "\ndata: " + data + "\n\n");
  }

  /** A comment line, which the browser ignores. */
  public static ServerSentEvent comment(String text) {
    return new ServerSentEvent(": " + text.replace('\n', ' ') + "\n\n");
  }

  /** Tells the browser to wait {@code millis} before it reconnects a dropped stream. */
  public static ServerSentEvent retry(int millis) {
    return new ServerSentEvent("retry: " + millis + "\n\n");
  }

  /** The bytes on the wire. */
  public byte[] bytes() {
    return wire.getBytes(StandardCharsets.UTF_8);
  }
}
