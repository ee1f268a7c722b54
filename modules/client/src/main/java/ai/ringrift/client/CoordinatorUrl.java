package ai.ringrift.client;

import ai.ringrift.http.BasicAuthFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code RINGRIFT_COORDINATOR_URL}, the variable RingRift's hosts set to find the cluster, read as
 * what a host needs to join: either the bootstrap servers themselves ({@code host:port,...}), or
 * the {@code http(s)://} address of any platform service's status endpoint, whose {@code
 * /status/join} hands out the bootstrap servers, the schema registry's URL and the security
 * protocol and SASL mechanism (never a secret: the host's own role and token still log it in). Used
 * by {@link KafkaSettings#fromEnvironment} when {@code RINGRIFT_BOOTSTRAP_SERVERS} is unset.
 *
 * @param bootstrapServers where the cluster is
 * @param schemaRegistryUrl the registry, when the coordinator named one
 * @param clientProperties security settings the coordinator named ({@code security.protocol},
 *     {@code sasl.mechanism})
 */
public record CoordinatorUrl(
    String bootstrapServers,
    Optional<String> schemaRegistryUrl,
    Map<String, String> clientProperties) {
  /** The environment variable. */
  public static final String ENV = "RINGRIFT_COORDINATOR_URL";

  /** The status view that answers, {@code <url>/status/join}. */
  public static final String VIEW = "join";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  public CoordinatorUrl {
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * What {@code value} says: bootstrap servers as they are, or the answer of {@code
   * <value>/status/join}.
   *
   * @throws IllegalArgumentException naming the variable when the coordinator does not answer or
   *     answers something else
   */
  public static CoordinatorUrl resolve(String value) {
    return resolve(value, Optional.empty());
  }

  /**
   * As {@link #resolve(String)}, logging in to the status endpoint with {@code userInfo} ({@code
   * role:password}, the host's own SASL login) when given: with security on, {@code /status/join}
   * wants the same users as every other status path.
   */
  public static CoordinatorUrl resolve(String value, Optional<String> userInfo) {
    String url = value.trim();
    if (!url.contains("://")) {
      return new CoordinatorUrl(url, Optional.empty(), Map.of());
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException(
          ENV + " '" + url + "' must be host:port[,host:port] or an http(s):// status endpoint");
    }
    String join = (url.endsWith("/") ? url : url + "/") + "status/" + VIEW;
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(request(join, userInfo), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ENV + ": cannot read " + join + " (" + e + "); set RINGRIFT_BOOTSTRAP_SERVERS instead",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException(ENV + ": interrupted while reading " + join, e);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new IllegalArgumentException(
          ENV
              + ": "
              + join
              + " answered "
              + response.statusCode()
              + (userInfo.isPresent()
                  ? ": the status endpoint does not accept this host's login"
                  : ": it wants a login")
              + "; set RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN to a role it knows");
    }
    if (response.statusCode() != 200) {
      throw new IllegalArgumentException(
          ENV + ": " + join + " answered " + response.statusCode() + ", not the cluster's address");
    }
    return parse(join, response.body());
  }

  private static HttpRequest request(String join, Optional<String> userInfo) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(join)).timeout(TIMEOUT).GET();
    userInfo.ifPresent(u -> request.header("Authorization", BasicAuthFilter.header(u)));
    return request.build();
  }

  private static CoordinatorUrl parse(String join, String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(ENV + ": " + join + " did not answer JSON", e);
    }
    String bootstrap = node.path("bootstrap_servers").asText("");
    if (bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          ENV + ": " + join + " names no bootstrap_servers: " + body.strip());
    }
    Map<String, String> properties = new TreeMap<>();
    text(node, "security_protocol").ifPresent(v -> properties.put("security.protocol", v));
    text(node, "sasl_mechanism").ifPresent(v -> properties.put("sasl.mechanism", v));
    return new CoordinatorUrl(bootstrap, text(node, "schema_registry_url"), properties);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  /** What {@code /status/join} answers for a service connected with {@code kafka}. */
  public static Map<String, String> joinView(KafkaSettings kafka) {
    Map<String, String> view = new TreeMap<>();
    view.put("bootstrap_servers", kafka.bootstrapServers());
    kafka.schemaRegistryUrl().ifPresent(u -> view.put("schema_registry_url", u));
    Optional.ofNullable(kafka.clientProperties().get("security.protocol"))
        .ifPresent(v -> view.put("security_protocol", v));
    Optional.ofNullable(kafka.clientProperties().get("sasl.mechanism"))
        .ifPresent(v -> view.put("sasl_mechanism", v));
    return view;
  }
}
