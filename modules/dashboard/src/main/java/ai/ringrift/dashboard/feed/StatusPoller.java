package ai.ringrift.dashboard.feed;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.RegistrySerdeConfig;
import ai.ringrift.dashboard.view.LoopView;
import ai.ringrift.http.BasicAuthFilter;
import ai.ringrift.runtime.http.StatusServer;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fetches the Streams apps' interactive queries ({@code /status/signals}, {@code /status/circuits},
 * {@code /status/models}) from their status endpoints every few seconds, for all the dashboard's
 * pages at once. An endpoint that has no such view (404) is skipped: each app serves only its own.
 * When security is on, the endpoints ask for a login: the poller logs in as this process's own user
 * ({@code RINGRIFT_KAFKA_USERNAME} with {@code RINGRIFT_CLUSTER_AUTH_TOKEN}, or its {@code _FILE}),
 * as every platform user may read {@code /status}.
 */
public final class StatusPoller implements Runnable {
  /** The Streams apps' views the dashboard reads. */
  public static final List<String> VIEWS = List.of("signals", "circuits", "models");

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final Supplier<List<String>> baseUrls;
  private final LoopView view;
  private final Optional<String> authorization;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * A poller of the endpoints {@code baseUrls} names (e.g. {@code http://streams:8080}), logging in
   * as {@code kafka}'s user, if it has one.
   */
  public StatusPoller(Supplier<List<String>> baseUrls, LoopView view, KafkaSettings kafka) {
    this.baseUrls = baseUrls;
    this.view = view;
    this.authorization = authorization(kafka);
  }

  /** {@code Basic ...} for the user and password {@code kafka} gives the registry, if any. */
  static Optional<String> authorization(KafkaSettings kafka) {
    return Optional.ofNullable(
            kafka.clientProperties().get(RegistrySerdeConfig.BASIC_AUTH_USER_INFO))
        .map(BasicAuthFilter::header);
  }

  @Override
  public void run() {
    for (String base : baseUrls.get()) {
      String url = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      for (String name : VIEWS) {
        fetch(url, name);
      }
    }
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    return request.build();
  }

  private void fetch(String base, String name) {
    try {
      HttpResponse<String> response =
          http.send(
              request(URI.create(base + "/status/" + name)), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return;
      }
      if (response.statusCode() != 200) {
        view.streamsView(base, name, null, "HTTP " + response.statusCode());
        return;
      }
      view.streamsView(base, name, StatusServer.JSON.readValue(response.body(), JSON_OBJECT), null);
    } catch (IOException | RuntimeException e) {
      view.streamsView(base, name, null, "unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
