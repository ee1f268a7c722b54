package ai.ringrift.registry.internal;

import ai.ringrift.http.HttpServers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent's REST API v1 over HTTP: same paths, bodies, content type, statuses and {@code
 * {"error_code","message"}} errors. The routes are in {@link Routes}.
 */
public final class RestApi implements HttpHandler {
  /** Content type of every answer. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOGGER = LoggerFactory.getLogger(RestApi.class);
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final Router router;

  RestApi(RegistryService service) {
    this.router = Routes.of(service);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Router.Reply reply;
    try {
      reply =
          router.dispatch(
              exchange.getRequestMethod(),
              segments(exchange.getRequestURI().getRawPath()),
              query(exchange.getRequestURI().getRawQuery()),
              body(exchange));
    } catch (RegistryError e) {
      reply = new Router.Reply(e.status(), error(e.errorCode(), e.getMessage()), null);
    } catch (RuntimeException e) {
      LOGGER.error("request failed path={}", exchange.getRequestURI(), e);
      reply = new Router.Reply(500, error(500, "Internal Server Error: " + e.getMessage()), null);
    }
    byte[] bytes =
        reply.raw() != null
            ? reply.raw().getBytes(StandardCharsets.UTF_8)
            : StoreRecords.JSON.writeValueAsBytes(reply.json());
    HttpServers.answer(exchange, reply.status(), CONTENT_TYPE, bytes);
  }

  /** The request body, left open: {@link HttpServers#answer} reads what is left of a long one. */
  private static byte[] body(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw RegistryError.badRequest("request body larger than " + MAX_BODY + " bytes");
    }
    return bytes;
  }

  private static ObjectNode error(int code, String message) {
    ObjectNode error = StoreRecords.JSON.createObjectNode();
    error.put("error_code", code);
    error.put("message", message);
    return error;
  }

  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(s -> !s.isEmpty())
        .map(RestApi::decode)
        .toList();
  }

  /** Query parameters, the first of each name. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      params.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return params;
  }

  /** Percent-decoding; a literal {@code +} stays a plus (subjects may hold one). */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
