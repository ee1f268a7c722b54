package ai.ringrift.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against a registry, as any Confluent client would speak to it. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Http() {}

  /** One answer: status, content type, the body as sent and parsed. */
  record Answer(int status, String contentType, String text, JsonNode body) {
    int errorCode() {
      return body.path("error_code").asInt();
    }
  }

  static Answer get(String url) throws Exception {
    return send("GET", url, null);
  }

  static Answer post(String url, String json) throws Exception {
    return send("POST", url, json);
  }

  static Answer put(String url, String json) throws Exception {
    return send("PUT", url, json);
  }

  static Answer delete(String url) throws Exception {
    return send("DELETE", url, null);
  }

  /** A registration body for {@code schema}: {"schema": "<the schema as a JSON string>"}. */
  static String schemaBody(String schema) throws Exception {
    return JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema));
  }

  static Answer send(String method, String url, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .timeout(Duration.ofSeconds(30));
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed;
    try {
      parsed = JSON.readTree(response.body());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      parsed = JSON.nullNode();
    }
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        parsed);
  }
}
