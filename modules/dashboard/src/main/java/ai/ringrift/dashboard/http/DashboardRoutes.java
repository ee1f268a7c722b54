package ai.ringrift.dashboard.http;

import ai.ringrift.dashboard.lineage.UnknownModelException;
import ai.ringrift.dashboard.view.LoopView;
import ai.ringrift.http.HttpServers;
import ai.ringrift.runtime.http.StatusServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard serves under {@value #ROOT} on the service's status endpoint (so it sits
 * behind whatever guards that endpoint): the page and its files, the event stream every page
 * listens to, and the JSON a click asks for (a breaker's history, a DLQ's records, a trace, a
 * model's lineage).
 */
public final class DashboardRoutes implements HttpHandler {
  /** Where the dashboard is on the status endpoint. */
  public static final String ROOT = "/dashboard";

  private static final Logger LOGGER = LoggerFactory.getLogger(DashboardRoutes.class);
  private static final String JSON = "application/json";

  private final LoopView view;
  private final ViewerHub hub;
  private final Assets assets = Assets.load();

  /** Routes serving {@code view}, streaming through {@code hub}. */
  public DashboardRoutes(LoopView view, ViewerHub hub) {
    this.view = view;
    this.hub = hub;
  }

  /** Mounts the routes on {@code server}. */
  public void mount(StatusServer server) {
    server.stream(ROOT, this);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", bytes("only GET is served here"));
      } else if (path.equals(ROOT)) {
        exchange.getResponseHeaders().set("Location", ROOT + "/");
        send(exchange, 302, "text/plain; charset=utf-8", bytes(""));
      } else if (path.equals(ROOT + "/events")) {
        hub.open(exchange);
      } else if (path.startsWith(ROOT + "/api/")) {
        api(exchange, path.substring((ROOT + "/api/").length()));
      } else {
        String name = path.equals(ROOT + "/") ? "index.html" : path.substring(ROOT.length() + 1);
        Optional<Assets.Asset> asset = assets.get(name);
        if (asset.isPresent()) {
          send(exchange, 200, asset.get().contentType(), asset.get().bytes());
        } else {
          json(exchange, 404, Map.of("error", "nothing at " + path));
        }
      }
    } catch (RuntimeException e) {
      LOGGER.warn("path={} failed", path, e);
      json(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private void api(HttpExchange exchange, String rest) throws IOException {
    int slash = rest.indexOf('/');
    String what = slash < 0 ? rest : rest.substring(0, slash);
    String arg = slash < 0 ? "" : rest.substring(slash + 1);
    if (arg.isEmpty()) {
      json(exchange, 404, Map.of("error", "name what you ask for, e.g. /api/lineage/MODEL"));
      return;
    }
    switch (what) {
      case "breakers" -> json(exchange, 200, view.breakerHistory(arg));
      case "trace" -> json(exchange, 200, view.trace(arg));
      case "dead-letters" -> {
        var letters = view.deadLetters(arg);
        if (letters == null) {
          json(exchange, 404, Map.of("error", arg + " is not a dead-letter topic of the catalog"));
        } else {
          json(exchange, 200, letters);
        }
      }
      case "lineage" -> {
        try {
          json(exchange, 200, view.lineage(arg));
        } catch (UnknownModelException e) {
          json(exchange, 404, Map.of("error", e.getMessage()));
        }
      }
      default -> json(exchange, 404, Map.of("error", "no such query: " + what));
    }
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, JSON, StatusServer.JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    HttpServers.answer(exchange, status, type, body);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
