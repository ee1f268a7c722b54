package ai.ringrift.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent's REST API v1 (the subset clients and serializers use) over {@link RegistryService}:
 * same paths, bodies, content type, statuses and {@code {"error_code","message"}} errors.
 */
public final class RestApi implements HttpHandler {
  /** Content type of every answer. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOGGER = LoggerFactory.getLogger(RestApi.class);
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final RegistryService service;

  RestApi(RegistryService service) {
    this.service = service;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    int status = 200;
    Object body;
    try {
      body = route(exchange);
    } catch (RegistryError e) {
      status = e.status();
      body = error(e.errorCode(), e.getMessage());
    } catch (RuntimeException e) {
      LOGGER.error("request failed path={}", exchange.getRequestURI(), e);
      status = 500;
      body = error(500, "Internal Server Error: " + e.getMessage());
    }
    byte[] bytes = StoreRecords.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Object route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    String query = exchange.getRequestURI().getRawQuery();
    boolean get = method.equals("GET");
    boolean post = method.equals("POST");
    boolean put = method.equals("PUT");
    int n = path.size();
    if (n == 0) {
      return StoreRecords.JSON.createObjectNode();
    }
    switch (path.get(0)) {
      case "subjects" -> {
        if (n == 1) {
          return only(get, service.subjects());
        }
        String subject = path.get(1);
        if (n == 2) {
          return only(post, () -> entry(service.lookup(subject, uncheckedSchemaOf(exchange))));
        }
        if (n == 3 && path.get(2).equals("versions")) {
          if (post) {
            ObjectNode id = StoreRecords.JSON.createObjectNode();
            id.put("id", service.register(subject, schemaOf(exchange)));
            return id;
          }
          return only(get, () -> service.versions(subject));
        }
        if (n == 4 && path.get(2).equals("versions")) {
          return only(get, () -> entry(service.version(subject, path.get(3))));
        }
      }
      case "schemas" -> {
        if (n == 3 && path.get(1).equals("ids")) {
          return only(get, () -> schemaById(path.get(2)));
        }
      }
      case "compatibility" -> {
        if (n == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
          return only(post, () -> compatibility(exchange, path.get(2), path.get(4), query));
        }
      }
      case "config" -> {
        String subject = n == 2 ? path.get(1) : null;
        if (n <= 2 && put) {
          ObjectNode echo = StoreRecords.JSON.createObjectNode();
          echo.put("compatibility", service.setLevel(subject, levelOf(exchange)).name());
          return echo;
        }
        if (n <= 2) {
          ObjectNode level = StoreRecords.JSON.createObjectNode();
          return only(
              get,
              () ->
                  level.put(
                      "compatibilityLevel",
                      (subject == null ? service.globalLevel() : service.subjectLevel(subject))
                          .name()));
        }
      }
      default -> {
        // falls through to 404
      }
    }
    throw RegistryError.notFound();
  }

  private Object compatibility(HttpExchange exchange, String subject, String version, String q) {
    String schema = uncheckedSchemaOf(exchange);
    List<String> problems = service.testCompatibility(subject, version, schema);
    ObjectNode answer = StoreRecords.JSON.createObjectNode();
    answer.put("is_compatible", problems.isEmpty());
    if (q != null && Arrays.asList(q.split("&")).contains("verbose=true")) {
      problems.forEach(answer.putArray("messages")::add);
    }
    return answer;
  }

  private static Object only(boolean allowed, Object answer) {
    if (!allowed) {
      throw RegistryError.methodNotAllowed();
    }
    return answer;
  }

  private static Object only(boolean allowed, java.util.function.Supplier<Object> answer) {
    if (!allowed) {
      throw RegistryError.methodNotAllowed();
    }
    return answer.get();
  }

  private ObjectNode schemaById(String id) {
    int parsed;
    try {
      parsed = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw RegistryError.notFound();
    }
    ObjectNode answer = StoreRecords.JSON.createObjectNode();
    answer.put("schema", service.schema(parsed));
    return answer;
  }

  private static ObjectNode entry(StoredSchema schema) {
    ObjectNode answer = StoreRecords.JSON.createObjectNode();
    answer.put("subject", schema.subject());
    answer.put("version", schema.version());
    answer.put("id", schema.id());
    answer.put("schema", schema.schema());
    return answer;
  }

  private static String uncheckedSchemaOf(HttpExchange exchange) {
    try {
      return schemaOf(exchange);
    } catch (IOException e) {
      throw RegistryError.badRequest(e.getMessage());
    }
  }

  /** The {@code schema} of a request body; only AVRO without references is served. */
  private static String schemaOf(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw RegistryError.invalidSchema("schema type " + type + " is not served here, only AVRO");
    }
    if (body.path("references").size() > 0) {
      throw RegistryError.invalidSchema("schema references are not served here");
    }
    if (!body.hasNonNull("schema")) {
      throw RegistryError.invalidSchema("the request has no \"schema\"");
    }
    return body.get("schema").asText();
  }

  private static String levelOf(HttpExchange exchange) throws IOException {
    JsonNode level = body(exchange).get("compatibility");
    if (level == null || !level.isTextual()) {
      throw RegistryError.invalidLevel();
    }
    return level.asText();
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw RegistryError.badRequest("request body larger than " + MAX_BODY + " bytes");
      }
      JsonNode body = StoreRecords.JSON.readTree(bytes);
      if (body == null || !body.isObject()) {
        throw RegistryError.badRequest("request body must be a JSON object");
      }
      return body;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw RegistryError.badRequest(
          "Unrecognized JSON in request body: " + e.getOriginalMessage());
    }
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
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }
}
