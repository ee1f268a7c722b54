package ai.ringrift.runtime.http;

import ai.ringrift.http.BasicAuthFilter;
import ai.ringrift.http.HttpServers;
import ai.ringrift.http.HttpUsers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP endpoint (the JDK's own server: nothing to configure, nothing to deploy).
 * Components add JSON views of their state under {@code /status/<name>}; {@code /status} lists
 * them.
 *
 * <p>With a {@link StatusSecurity} that has users, every path but those mounted {@link Access#OPEN}
 * wants HTTP basic auth: {@link Access#METRICS} paths admit the read-only role {@value
 * HttpUsers#METRICS} too, {@link Access#STATUS} paths ({@code /status} and any other mount, a
 * dashboard say) only platform users. Refusals are logged by {@link BasicAuthFilter}.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StatusServer.class);

  /** JSON writer shared by every view: Java time as ISO strings, Optionals unwrapped. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** Who may read a mounted path when the server authenticates. */
  public enum Access {
    /** Anybody (liveness: {@code /health}). */
    OPEN,
    /** Platform users and the read-only metrics role. */
    METRICS,
    /** Platform users only. */
    STATUS
  }

  private final HttpServer server;
  private final StatusSecurity security;
  private final ExecutorService executor;
  private final Map<String, Function<String, Object>> views = new ConcurrentHashMap<>();

  /** Starts listening on {@code host:port} (0 = a free port), plain HTTP, open. */
  public StatusServer(String host, int port) {
    this(host, port, StatusSecurity.open());
  }

  /** Starts listening on {@code host:port} (0 = a free port), protected by {@code security}. */
  public StatusServer(String host, int port, StatusSecurity security) {
    this.security = security;
    try {
      server = HttpServers.create(host, port, 0, security.tls());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " for the status endpoint ("
              + e.getMessage()
              + "); set RINGRIFT_HTTP_PORT to a free port",
          e);
    }
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "status-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    mount("/status", Access.STATUS, this::status);
    server.start();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * {@code http://host:port}, or {@code https://} with a key store; {@code localhost} when bound to
   * every interface, as {@code 0:0:0:0:0:0:0:0} is neither an address to open nor a valid URL host.
   */
  public String baseUrl() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
    return HttpServers.scheme(server) + "://" + host + ":" + port();
  }

  /** Whether requests must authenticate. */
  public boolean authenticates() {
    return security.authenticates();
  }

  /** Serves {@code supplier()} as JSON at {@code /status/<name>}. */
  public void view(String name, Supplier<?> supplier) {
    views.put(name, rest -> supplier.get());
  }

  /**
   * Serves {@code lookup(rest)} as JSON at {@code /status/<name>/<rest>} (and {@code
   * /status/<name>} with an empty rest); a null result is a 404.
   */
  public void view(String name, Function<String, ?> lookup) {
    views.put(name, lookup::apply);
  }

  /** Serves a raw handler at {@code path} (a dashboard, say) for platform users. */
  public void route(String path, Handler handler) {
    route(path, Access.STATUS, handler);
  }

  /** Serves a raw handler at {@code path} (e.g. {@code /metrics}) to whom {@code access} says. */
  public void route(String path, Access access, Handler handler) {
    mount(
        path,
        access,
        exchange -> {
          try {
            Response response = handler.handle(exchange);
            send(exchange, response.status(), response.contentType(), response.body());
          } catch (RuntimeException e) {
            LOGGER.warn("path={} failed", path, e);
            send(exchange, 500, "text/plain; charset=utf-8", "error: " + e.getMessage());
          }
        });
  }

  private void protect(HttpContext context, Access access) {
    if (access == Access.OPEN || !security.authenticates()) {
      return;
    }
    Set<String> admitted =
        access == Access.METRICS
            ? Set.of(HttpUsers.PLATFORM, HttpUsers.ADMIN, HttpUsers.METRICS)
            : Set.of(HttpUsers.PLATFORM, HttpUsers.ADMIN);
    context
        .getFilters()
        .add(
            new BasicAuthFilter(
                "RingRift status",
                security.users(),
                (exchange, user, roles) ->
                    roles.stream().anyMatch(admitted::contains)
                        ? Optional.empty()
                        : Optional.of(
                            "user "
                                + user
                                + " (roles "
                                + roles
                                + ") may not read "
                                + context.getPath()
                                + "; it needs one of "
                                + admitted),
                BasicAuthFilter.TEXT));
  }

  /**
   * Gives {@code handler} the requests under {@code path} with the exchange itself, for answers
   * that are not one body: a stream of server-sent events kept open after the handler returns (the
   * server's two threads must never be held by a long answer), or bytes.
   */
  public void stream(String path, HttpHandler handler) {
    mount(path, Access.STATUS, handler);
  }

  /**
   * Every path is served through here, the one place where requests enter, behind the login {@code
   * access} asks for.
   */
  private void mount(String path, Access access, HttpHandler handler) {
    protect(server.createContext(path, handler), access);
  }

  private void status(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String rest = path.length() > "/status".length() ? path.substring("/status/".length()) : "";
    try {
      if (rest.isEmpty()) {
        sendJson(exchange, 200, Map.of("views", new TreeMap<>(views).keySet()));
        return;
      }
      int slash = rest.indexOf('/');
      String name = slash < 0 ? rest : rest.substring(0, slash);
      Function<String, Object> view = views.get(name);
      Object body = view == null ? null : view.apply(slash < 0 ? "" : rest.substring(slash + 1));
      if (body == null) {
        sendJson(exchange, 404, Map.of("error", "nothing at " + path));
      } else {
        sendJson(exchange, 200, body);
      }
    } catch (RuntimeException e) {
      LOGGER.warn("path={} failed", path, e);
      sendJson(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    send(
        exchange,
        status,
        "application/json",
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    HttpServers.answer(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A raw route's answer. */
  public record Response(int status, String contentType, String body) {}

  /** A raw route. */
  @FunctionalInterface
  public interface Handler {
    Response handle(HttpExchange exchange) throws IOException;
  }
}
