package ai.ringrift.client.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recorded-response fixture: serves responses of Confluent's Schema Registry, as its published
 * API documents them (src/test/resources/confluent-recorded/responses.json), for the requests a
 * test programs, and keeps every request it received. It stands in for the registry's HTTP API
 * only, so the client can be held to Confluent's exact bodies and error codes.
 */
final class RecordedRegistry implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode RECORDED = load();

  private final HttpServer server;
  private final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();
  private final List<Request> received = new CopyOnWriteArrayList<>();

  /** One request as it arrived. */
  record Request(
      String method, String path, String contentType, String authorization, String body) {}

  RecordedRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Answers {@code method path} with the recorded responses {@code names}, one per request. */
  RecordedRegistry on(String method, String path, String... names) {
    Deque<String> queue = answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
    for (String name : names) {
      if (!RECORDED.has(name)) {
        throw new IllegalArgumentException("no recorded response named " + name);
      }
      queue.add(name);
    }
    return this;
  }

  List<Request> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String uri = exchange.getRequestURI().toString();
    received.add(
        new Request(
            exchange.getRequestMethod(),
            uri,
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    Deque<String> queue = answers.get(exchange.getRequestMethod() + " " + uri);
    String name = queue == null ? null : queue.size() > 1 ? queue.poll() : queue.peek();
    JsonNode recorded =
        name == null
            ? JSON.createObjectNode()
                .put("status", 404)
                .set(
                    "body",
                    JSON.createObjectNode()
                        .put("error_code", 404)
                        .put("message", "HTTP 404 Not Found"))
            : RECORDED.get(name);
    byte[] bytes = JSON.writeValueAsBytes(recorded.get("body"));
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(recorded.get("status").asInt(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static JsonNode load() {
    try (InputStream in =
        RecordedRegistry.class.getResourceAsStream("/confluent-recorded/responses.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
