package ai.ringrift.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * JDK HTTP servers, plain or (with a key store) HTTPS; the one place that makes them, and the one
 * way their handlers answer.
 */
public final class HttpServers {
  /** Request body bytes read before an answer; a longer body closes the connection after it. */
  static final int MAX_UNREAD_BODY = 64 * 1024;

  private HttpServers() {}

  /**
   * An unstarted server on {@code host:port} (0 = a free port): HTTPS presenting {@code tls}'s key
   * when given, plain HTTP otherwise.
   */
  public static HttpServer create(String host, int port, int backlog, Optional<KeyStoreFile> tls)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (tls.isEmpty()) {
      return HttpServer.create(address, backlog);
    }
    HttpsServer server = HttpsServer.create(address, backlog);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.get().serverContext()));
    return server;
  }

  /** {@code https} for an HTTPS server, {@code http} otherwise. */
  public static String scheme(HttpServer server) {
    return server instanceof HttpsServer ? "https" : "http";
  }

  /**
   * Answers {@code status} with {@code body} ({@code Content-Type: contentType}; no body when
   * empty), after reading what is left of the request's body. The JDK's HTTPS server reads a body
   * left unread only once the answer has gone out; by then the client may have sent its next
   * request on the kept-alive connection, that request goes into the TLS buffer with the old body,
   * and the server waits on the socket for a request it already holds: the client times out. So a
   * refusal or an error answered before the body was read reads it first; a body longer than
   * {@value #MAX_UNREAD_BODY} bytes is not read, and the connection closes after the answer. The
   * handler must not have closed the request body (the JDK refuses to read a closed one).
   */
  public static void answer(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (!readRequestBody(exchange)) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Reads the rest of the request body; false when more than the limit was left. */
  private static boolean readRequestBody(HttpExchange exchange) throws IOException {
    return exchange.getRequestBody().readNBytes(MAX_UNREAD_BODY + 1).length <= MAX_UNREAD_BODY;
  }
}
