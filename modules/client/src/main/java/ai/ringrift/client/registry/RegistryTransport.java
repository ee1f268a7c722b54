package ai.ringrift.client.registry;

import ai.ringrift.http.BasicAuthFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP to the registry: content type, credentials, timeouts, retries of 5xx and I/O failures. */
final class RegistryTransport {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryTransport.class);

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final AtomicLong requests = new AtomicLong();

  RegistryTransport(RegistryClientConfig config) {
    this.config = config;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
    config.trustStore().ifPresent(store -> builder.sslContext(store.clientContext()));
    this.http = builder.build();
  }

  long requests() {
    return requests.get();
  }

  /** Sends {@code method path} with {@code body} (null for none); the parsed answer. */
  JsonNode send(String method, String path, JsonNode body) {
    SchemaRegistryException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        pause(attempt);
      }
      try {
        return once(method, path, body);
      } catch (SchemaRegistryException e) {
        if (!e.retriable()) {
          throw e;
        }
        last = e;
        LOGGER.warn(
            "schema registry call failed method={} path={} attempt={}: {}",
            method,
            path,
            attempt + 1,
            e.getMessage());
      }
    }
    throw last;
  }

  private JsonNode once(String method, String path, JsonNode body) {
    requests.incrementAndGet();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.url() + path))
            .timeout(config.timeout())
            .header("Accept", CONTENT_TYPE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    authorization().ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException.Unavailable(
          0, 0, "cannot reach the schema registry at " + config.url() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException.Unavailable(0, 0, "interrupted", e);
    }
    return answer(response);
  }

  private static JsonNode answer(HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode parsed;
    try {
      parsed = JSON.readTree(response.body());
    } catch (IOException e) {
      parsed = null;
    }
    if (status >= 200 && status < 300 && parsed != null) {
      return parsed;
    }
    if (parsed != null && parsed.has("error_code")) {
      throw SchemaRegistryException.of(
          status, parsed.get("error_code").asInt(), parsed.path("message").asText());
    }
    throw SchemaRegistryException.of(status, status, "unexpected answer: " + response.body());
  }

  private java.util.Optional<String> authorization() {
    if (config.bearerToken().isPresent()) {
      return config.bearerToken().map(token -> "Bearer " + token);
    }
    return config.basicUserInfo().map(BasicAuthFilter::header);
  }

  private void pause(int attempt) {
    Duration wait = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
