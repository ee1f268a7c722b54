package ai.ringrift.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/** JDK HTTP servers, plain or (with a key store) HTTPS; the one place that makes them. */
public final class HttpServers {
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
}
